using Hone.Samplers;

namespace Hone.Tests.Samplers;

public class QmcSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new QmcSampler(new QmcSamplerOptions { Seed = seed });
}

using Hone.Samplers;

namespace Hone.Tests.Samplers;

public class QmcSamplerHaltonContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new QmcSampler(new QmcSamplerOptions { Kind = QmcKind.Halton, Seed = seed });
}

using Hone.Samplers;

namespace Hone.Tests.Samplers;

public class AutoSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new AutoSampler(new AutoSamplerOptions { Seed = seed });
}

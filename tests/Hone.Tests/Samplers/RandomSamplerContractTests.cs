using Hone.Samplers;

namespace Hone.Tests.Samplers;

public class RandomSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new RandomSampler(seed);
}

using Hone.Samplers;
using Hone.Samplers.Bohb;

namespace Hone.Tests.Samplers.Bohb;

public class BohbSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new BohbSampler(new BohbSamplerOptions { Seed = seed });
}

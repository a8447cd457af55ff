using Hone.Samplers;
using Hone.Samplers.Gp;

namespace Hone.Tests.Samplers.Gp;

public class GpSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new GpSampler(new GpSamplerOptions { Seed = seed });
}

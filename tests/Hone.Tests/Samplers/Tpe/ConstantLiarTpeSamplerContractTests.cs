using Hone.Samplers;
using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public class ConstantLiarTpeSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new TpeSampler(new TpeSamplerOptions { Seed = seed, ConstantLiar = true });
}

using Hone.Samplers;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

/// <summary>The contract again with every option that changes the sampling path: margin, separable, BIPOP, a small
/// population so that several generations pass.</summary>
public class CmaEsSamplerWithMarginContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) =>
        new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, WithMargin = true, Separable = true, Restart = CmaEsRestartStrategy.Bipop, PopulationSize = 4 });
}

using Hone.Samplers;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

/// <summary>The contract again with independent draws (the original CMA-ES, no mirrored pairs) and IPOP restarts, with a
/// small population so that several generations pass.</summary>
public class CmaEsSamplerIndependentContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) =>
        new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, MirroredOrthogonalSampling = false, Restart = CmaEsRestartStrategy.Ipop, PopulationSize = 4 });
}

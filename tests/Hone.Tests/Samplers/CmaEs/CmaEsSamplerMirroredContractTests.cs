using Hone.Samplers;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

/// <summary>The contract again with mirrored orthogonal sampling and IPOP restarts, with a small population so that
/// several generations (and their pairs) pass.</summary>
public class CmaEsSamplerMirroredContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) =>
        new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, MirroredOrthogonalSampling = true, Restart = CmaEsRestartStrategy.Ipop, PopulationSize = 4 });
}

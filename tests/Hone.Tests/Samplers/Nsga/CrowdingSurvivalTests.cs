using Hone.Numerics;
using Hone.Samplers.Nsga;

namespace Hone.Tests.Samplers.Nsga;

public class CrowdingSurvivalTests
{
    [Fact]
    public void Select_LastFrontOnlyPartlyFits_KeepsItsMostIsolatedMembers()
    {
        // Front 0: the ends (0, 10) and (10, 0), then (4, 6) and (5.5, 4.5) with distance 1 each (the first by index wins the
        // tie) and the crowded (5, 5) with 0.3; front 1: (11, 11).
        var candidates = ReferencePointSurvivalTests.Individuals([0, 10], [4, 6], [5, 5], [5.5, 4.5], [10, 0], [11, 11]);
        var random = new SplitMix64(1, 0);

        var chosen = new CrowdingSurvival().Select(candidates, 3, ref random);

        Assert.Equal([0, 1, 4], chosen.Order());
    }

    [Fact]
    public void Select_InfeasibleCandidates_AreKeptLastByViolation()
    {
        var candidates = ReferencePointSurvivalTests.WithViolations([[0, 0], [5, 5], [6, 6], [1, 9]], [0.3, 0, 0, 0.1]);
        var random = new SplitMix64(1, 0);

        var chosen = new CrowdingSurvival().Select(candidates, 3, ref random);

        Assert.Equal([1, 2, 3], chosen.Order());
    }
}

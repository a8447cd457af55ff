using Hone.Numerics;
using Hone.Samplers.Nsga;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.Nsga;

public class ReferencePointSurvivalTests
{
    [Fact]
    public void Select_OneFrontCrowdedAtOneEnd_KeepsOneMemberPerReferenceLine()
    {
        var survival = new ReferencePointSurvival(new NsgaIIISamplerOptions { ReferencePoints = [[1.0, 0], [0.5, 0.5], [0.0, 1]] });
        survival.Prepare(2);

        // All on the front x + y = 1; four crowd the top-left end.
        var candidates = Individuals([0, 1], [0.02, 0.98], [0.04, 0.96], [0.06, 0.94], [0.5, 0.5], [1, 0]);
        var random = new SplitMix64(1, 0);

        var chosen = survival.Select(candidates, 3, ref random);

        Assert.Equal([0, 4, 5], chosen.Order());
    }

    [Fact]
    public void Select_WholeFrontsFit_KeepsThemByRank()
    {
        var survival = new ReferencePointSurvival(new NsgaIIISamplerOptions());
        survival.Prepare(2);
        var candidates = Individuals([0, 1], [1, 0], [2, 2], [3, 3]);
        var random = new SplitMix64(1, 0);

        Assert.Equal([0, 1, 2], survival.Select(candidates, 3, ref random).Order());
    }

    [Fact]
    public void Select_SameCandidatesAndStream_IsDeterministic()
    {
        var survival = new ReferencePointSurvival(new NsgaIIISamplerOptions { PopulationSize = 10 });
        survival.Prepare(3);
        var generator = new Random(3);
        var candidates = Individuals([.. Enumerable.Range(0, 40).Select(_ => new[] { generator.NextDouble(), generator.NextDouble(), generator.NextDouble() })]);

        var first = new SplitMix64(5, 1);
        var second = new SplitMix64(5, 1);

        Assert.Equal(survival.Select(candidates, 10, ref first), survival.Select(candidates, 10, ref second));
    }

    /// <summary>Complete trials with these objective values (all minimized), numbered in order.</summary>
    internal static IReadOnlyList<NsgaIndividual> Individuals(params double[][] values) =>
        WithViolations(values, new double[values.Length]);

    /// <summary>Complete trials with these objective values and these constraint violations.</summary>
    internal static IReadOnlyList<NsgaIndividual> WithViolations(double[][] values, double[] violations) =>
        values.Select((v, i) => NsgaIndividual.Of(
            new FrozenTrial
            {
                Id = i,
                Number = i,
                State = TrialState.Complete,
                Values = v,
                SystemAttrs = new Dictionary<string, object?> { [FrozenTrial.ConstraintsKey] = new[] { violations[i] } },
            },
            0,
            Enumerable.Repeat(StudyDirection.Minimize, v.Length).ToArray())).ToList();
}

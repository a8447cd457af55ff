using Hone.Distributions;
using Hone.Samplers.Tpe;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.Tpe;

public class ObservationHistoryTests
{
    [Theory]
    [InlineData(StudyDirection.Minimize, new[] { 1, 3 })]
    [InlineData(StudyDirection.Maximize, new[] { 0, 2 })]
    public void Split_CompleteTrials_TakesTheBestInTheStudyDirection(StudyDirection direction, int[] expected)
    {
        var history = new ObservationHistory();
        history.Add([Complete(0, 5), Complete(1, 1), Complete(2, 4), Complete(3, 2)], [direction]);

        Assert.Equal(expected, Below(history, 2));
    }

    [Fact]
    public void Split_PrunedTrials_RankAfterCompleteOnesByStepReachedThenValue()
    {
        var history = new ObservationHistory();
        history.Add(
            [
                Pruned(0, (1, 0.1)),
                Complete(1, 100),
                Pruned(2, (1, 0.5), (3, 9.0)),
                Pruned(3),
                Pruned(4, (3, 2.0)),
            ],
            [StudyDirection.Minimize]);

        // Order: the complete trial 1, then step 3 (trial 4 at 2.0, trial 2 at 9.0), then step 1 (trial 0), then trial 3.
        Assert.Equal([1], Below(history, 1));
        Assert.Equal([1, 4], Below(history, 2));
        Assert.Equal([1, 2, 4], Below(history, 3));
        Assert.Equal([0, 1, 2, 4], Below(history, 4));
    }

    [Fact]
    public void Split_TiedValues_GoToTheOlderTrial()
    {
        var history = new ObservationHistory();
        history.Add([Complete(2, 1), Complete(0, 1), Complete(1, 1)], [StudyDirection.Minimize]);

        Assert.Equal([0], Below(history, 1));
    }

    [Fact]
    public void Split_EnoughFeasibleTrials_KeepsOnlyFeasibleOnesBelow()
    {
        var history = new ObservationHistory();
        history.Add([Complete(0, 1, 2.0), Complete(1, 5, 0.0), Complete(2, 3, -1.0), Complete(3, 0, 0.5)], [StudyDirection.Minimize]);

        Assert.Equal([2], Below(history, 1));
        Assert.Equal([1, 2], Below(history, 2));
    }

    [Fact]
    public void Split_TooFewFeasibleTrials_FillsUpWithTheLeastViolatingOnes()
    {
        var history = new ObservationHistory();
        history.Add([Complete(0, 1, 2.0), Complete(1, 5, 0.0), Complete(2, 3, 0.5), Complete(3, 0)], [StudyDirection.Minimize]);

        // Trial 3 has no constraint values: it counts as infinitely violating.
        Assert.Equal([1, 2], Below(history, 2));
        Assert.Equal([0, 1, 2], Below(history, 3));
    }

    [Fact]
    public void Column_ReadsEachParameterOnlyWithItsDistribution()
    {
        var history = new ObservationHistory();
        var unit = new FloatDistribution(0, 1);
        history.Add(
            [
                Complete(0, 1) with { Params = ParameterSet.Create([("x", unit, 0.5)]) },
                Complete(1, 1) with { Params = ParameterSet.Create([("x", new FloatDistribution(0, 2), 1.5)]) },
                Complete(2, 1) with { Params = ParameterSet.Create([("y", unit, 0.25)]) },
                Complete(3, 1) with { Params = ParameterSet.Create([("x", unit, 0.1)]) },
            ],
            [StudyDirection.Minimize]);

        var column = history.Column("x", unit);

        Assert.Equal(0.5, column.Value(0));
        Assert.True(double.IsNaN(column.Value(1)));
        Assert.True(double.IsNaN(column.Value(2)));
        Assert.Equal([3, 0], column.Ascending.ToArray());
        Assert.Equal([0.1, 0.5], column.AscendingValues.ToArray());
    }

    [Fact]
    public void Add_SameTrialTwice_KeepsOneRow()
    {
        var history = new ObservationHistory();
        var trial = Complete(0, 1);

        history.Add([trial], [StudyDirection.Minimize]);
        history.Add([trial, Complete(1, 2)], [StudyDirection.Minimize]);

        Assert.Equal(2, history.Count);
    }

    [Theory]
    [InlineData(3, new[] { 0, 1, 2 })]
    [InlineData(4, new[] { 0, 1, 2, 4 })]
    [InlineData(5, new[] { 0, 1, 2, 4, 5 })]
    [InlineData(6, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Split_TwoObjectives_TakesWholeFrontsThenTheGreedyHypervolumeSubset(int count, int[] expected)
    {
        // Front 0: trials 0-2. Front 1: trials 3-5; with the reference (5.5, 6.6) just beyond its worst values, (3, 4)
        // adds the most hypervolume (6.5), then (5, 2) adds 1.0 beside it and (2, 6) only 0.6. Front 2: trial 6.
        var history = new ObservationHistory();
        history.Add(
            [
                Complete(0, [1, 5]), Complete(1, [2, 3]), Complete(2, [4, 1]),
                Complete(3, [2, 6]), Complete(4, [3, 4]), Complete(5, [5, 2]), Complete(6, [6, 6]),
            ],
            [StudyDirection.Minimize, StudyDirection.Minimize]);

        Assert.Equal(expected, Below(history, count));
    }

    [Fact]
    public void Split_ThreeObjectives_FillsUpFromTheNextFrontByHypervolumeWithContributionWeights()
    {
        // Front 0: trials 0, 1 and 3. Front 1: trials 2 and 4-7; with the reference 1.1 × its worst (4, 3, 4), the box of
        // (2, 2, 2) is the largest (2.4·1.3·2.4). In the group, (2, 2, 2) is dominated by (1, 1, 2): no contribution.
        // The same split and weights as Optuna 3.1's _split_observation_pairs and its hypervolume weights.
        var history = ThreeObjectiveHistory();
        var isBelow = new bool[10];
        var weights = new double[10];

        history.Split(4, isBelow);
        history.BelowWeights(isBelow, weights, hypervolumeShare: 1);

        Assert.Equal([0, 1, 3, 5], Enumerable.Range(0, 10).Where(r => isBelow[r]));
        Assert.Equal(1, weights[0], 9);
        Assert.Equal(1, weights[1], 9);
        Assert.Equal(2.0 / 3, weights[3], 9);
        Assert.InRange(weights[5], double.Epsilon, 1e-9);
    }

    [Fact]
    public void Split_MaximizedObjective_RanksFrontsInItsDirection()
    {
        // Minimizing both, trials 0-2 would form the front; maximizing the second, trials 0 and 3 do.
        var history = new ObservationHistory();
        history.Add(
            [Complete(0, [1, 5]), Complete(1, [2, 3]), Complete(2, [4, 1]), Complete(3, [2, 6]), Complete(4, [3, 4])],
            [StudyDirection.Minimize, StudyDirection.Maximize]);

        Assert.Equal([0, 3], Below(history, 2));
    }

    [Fact]
    public void Split_TwoObjectivesWithConstraints_TakesFrontsOfFeasibleTrialsOnly()
    {
        // Trial 0 would dominate everything but is infeasible; among the feasible ones trials 1 and 2 form the front.
        var history = new ObservationHistory();
        history.Add(
            [Complete(0, [0, 0], 1.0), Complete(1, [1, 3], 0.0), Complete(2, [3, 1], -2.0), Complete(3, [4, 4], 0.0)],
            [StudyDirection.Minimize, StudyDirection.Minimize]);

        Assert.Equal([1, 2], Below(history, 2));
        Assert.Equal([0, 1, 2, 3], Below(history, 4));
    }

    [Fact]
    public void Split_TwoObjectivesAndPrunedTrials_RanksPrunedOnesAfterEveryCompleteOne()
    {
        var history = new ObservationHistory();
        history.Add(
            [Pruned(0, (5, 0.0)), Complete(1, [9, 9]), Pruned(2), Complete(3, [8, 10])],
            [StudyDirection.Minimize, StudyDirection.Minimize]);

        Assert.Equal([1, 3], Below(history, 2));
        Assert.Equal([0, 1, 3], Below(history, 3));
    }

    [Fact]
    public void BelowWeights_FullHypervolumeShare_AreContributionsRelativeToTheLargest()
    {
        // Reference (4.4, 5.5): exclusive areas 1·0.5, 2·2 and 0.4·2.
        var weights = TwoObjectiveGroupWeights(hypervolumeShare: 1);

        Assert.Equal(0.5 / 4, weights[0], 9);
        Assert.Equal(1, weights[1], 9);
        Assert.Equal(0.8 / 4, weights[2], 9);
        Assert.Equal(0, weights[3]);
    }

    [Fact]
    public void BelowWeights_DefaultShare_MixesUniformAndContributionWeightsEqually()
    {
        // The same group as above: half of each weight is uniform, half the contribution relative to the largest.
        var weights = TwoObjectiveGroupWeights(new TpeSamplerOptions().HypervolumeWeighting);

        Assert.Equal(0.5 + (0.5 * 0.5 / 4), weights[0], 9);
        Assert.Equal(1, weights[1], 9);
        Assert.Equal(0.5 + (0.5 * 0.8 / 4), weights[2], 9);
    }

    [Fact]
    public void BelowWeights_NoHypervolumeShare_AreUniformEvenForGoodTrialsThatAddNoHypervolume()
    {
        // Three objectives: the good group is trials 0, 1, 3 and 5, and (2, 2, 2) is dominated by (1, 1, 2) in it.
        var history = ThreeObjectiveHistory();
        var isBelow = new bool[10];
        var weights = new double[10];
        history.Split(4, isBelow);

        history.BelowWeights(isBelow, weights, hypervolumeShare: 0);

        Assert.Equal([1.0, 1.0, 1.0, 1.0], new[] { weights[0], weights[1], weights[3], weights[5] });
    }

    [Fact]
    public void BelowWeights_InfeasibleGoodTrials_GetANegligibleWeight()
    {
        // One feasible trial: too few to fill a group of two, so the least violating infeasible one joins it.
        var history = new ObservationHistory();
        history.Add(
            [Complete(0, [1, 1], 0.0), Complete(1, [0, 0], 0.5), Complete(2, [0, 0], 3.0)],
            [StudyDirection.Minimize, StudyDirection.Minimize]);
        var isBelow = new bool[3];
        history.Split(2, isBelow);
        var weights = new double[3];

        history.BelowWeights(isBelow, weights, hypervolumeShare: 0);

        Assert.Equal([true, true, false], isBelow);
        Assert.Equal(1, weights[0]);
        Assert.InRange(weights[1], double.Epsilon, 1e-9);
    }

    /// <summary>The good-group weights of four two-objective trials split three against one: the front (1, 5), (2, 3),
    /// (4, 1) and the dominated (5, 5).</summary>
    private static double[] TwoObjectiveGroupWeights(double hypervolumeShare)
    {
        var history = new ObservationHistory();
        history.Add(
            [Complete(0, [1, 5]), Complete(1, [2, 3]), Complete(2, [4, 1]), Complete(3, [5, 5])],
            [StudyDirection.Minimize, StudyDirection.Minimize]);
        var isBelow = new bool[4];
        history.Split(3, isBelow);
        var weights = new double[4];
        history.BelowWeights(isBelow, weights, hypervolumeShare);
        return weights;
    }

    /// <summary>Ten trials of three objectives whose good group of four (trials 0, 1, 3 and 5) holds one, (2, 2, 2),
    /// dominated by another member, (1, 1, 2).</summary>
    private static ObservationHistory ThreeObjectiveHistory()
    {
        var history = new ObservationHistory();
        history.Add(
            [
                Complete(0, [1, 1, 2]), Complete(1, [2, 1, 1]), Complete(2, [4, 1, 1]), Complete(3, [1, 4, 1]), Complete(4, [1, 1, 4]),
                Complete(5, [2, 2, 2]), Complete(6, [3, 2, 1]), Complete(7, [1, 3, 2]), Complete(8, [5, 5, 5]), Complete(9, [4, 4, 4]),
            ],
            [StudyDirection.Minimize, StudyDirection.Minimize, StudyDirection.Minimize]);
        return history;
    }

    private static int[] Below(ObservationHistory history, int count)
    {
        var isBelow = new bool[history.Count];
        history.Split(count, isBelow);
        return Enumerable.Range(0, history.Count).Where(r => isBelow[r]).Select(history.Number).Order().ToArray();
    }

    private static FrozenTrial Complete(int number, double value, double? constraint = null) => new()
    {
        Id = number + 100,
        Number = number,
        State = TrialState.Complete,
        Values = [value],
        SystemAttrs = constraint is { } c
            ? new Dictionary<string, object?> { [FrozenTrial.ConstraintsKey] = new[] { c } }
            : new Dictionary<string, object?>(),
    };

    private static FrozenTrial Complete(int number, double[] values, double? constraint = null) =>
        Complete(number, 0, constraint) with { Values = values };

    private static FrozenTrial Pruned(int number, params (int Step, double Value)[] reports) => new()
    {
        Id = number + 100,
        Number = number,
        State = TrialState.Pruned,
        IntermediateValues = reports.ToDictionary(r => r.Step, r => r.Value),
    };
}

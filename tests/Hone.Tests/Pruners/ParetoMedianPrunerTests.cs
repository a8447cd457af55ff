using FsCheck.Xunit;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pruners;

public class ParetoMedianPrunerTests
{
    private static readonly StudyDirection[] Minimize2 = [StudyDirection.Minimize, StudyDirection.Minimize];

    // Front 0: A, B, C. Front 1: D (dominated by B), E (by C). Front 2: F. Ranks 0 0 0 1 1 2: the median rank is 0.5.
    private static readonly double[][] ThreeFronts = [[1, 5], [2, 4], [4, 2], [3, 5], [5, 3], [6, 6]];

    private static ParetoMedianPruner Pruner(int startupTrials = 0, int warmupSteps = 0, int intervalSteps = 1, int minTrials = 1) =>
        new(new ParetoMedianPrunerOptions { StartupTrials = startupTrials, WarmupSteps = warmupSteps, IntervalSteps = intervalSteps, MinTrials = minTrials });

    [Theory]
    [InlineData(3, 3, false)]
    [InlineData(0.5, 9, false)]
    [InlineData(2.5, 4.5, true)]
    [InlineData(10, 10, true)]
    public void Prune_HandMadeFronts_PrunesOnlyBelowTheMedianFront(double first, double second, bool expected)
    {
        foreach (var direction in new[] { StudyDirection.Minimize, StudyDirection.Maximize })
        {
            // A maximized second objective sees the same geometry through negated values.
            var sign = direction == StudyDirection.Minimize ? 1 : -1;
            var study = PrunerStudies.WithCompleteVectors(Pruner(), [StudyDirection.Minimize, direction], [.. ThreeFronts.Select(v => new[] { v[0], sign * v[1] })]);

            Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [first, sign * second])));
        }
    }

    [Fact]
    public void Prune_CompleteTrialsOnOneFront_KeepsNewFrontMembersAndPrunesDominatedVectors()
    {
        var study = PrunerStudies.WithCompleteVectors(Pruner(), Minimize2, [1, 3], [2, 2], [3, 1]);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [1.5, 2.5])));
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [2, 2])));
        Assert.True(PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [2, 3])));
    }

    [Property(MaxTest = 40)]
    public void Prune_AnyCompleteVectors_NeverPrunesAFrontMemberAndAlwaysPrunesAVectorEveryoneDominates(byte[] firsts, byte[] seconds, byte x, byte y)
    {
        var points = firsts.Zip(seconds, (a, b) => new double[] { a % 6, b % 6 }).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        double[] candidate = [x % 7, y % 7];
        var study = PrunerStudies.WithCompleteVectors(Pruner(), Minimize2, points);

        var pruned = PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, candidate));

        if (!points.Any(p => Dominates(p, candidate)))
        {
            Assert.False(pruned);
        }

        if (points.All(p => Dominates(p, candidate)))
        {
            Assert.True(pruned);
        }
    }

    [Fact]
    public void Prune_ComparesOnlyCompleteTrials_NotRunningOrPrunedOnes()
    {
        // Complete ranks 0, 1, 2 (median 1): [2, 2] has rank 1 and is kept.
        var study = PrunerStudies.WithCompleteVectors(Pruner(), Minimize2, [1, 1], [2, 2], [3, 3]);
        _ = PrunerStudies.RunningVectors(study, [0, 0]);
        study.Tell(PrunerStudies.RunningVectors(study, [0.5, 0.5]), TrialState.Pruned);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [2, 2])));
    }

    [Fact]
    public void Prune_NaNInOtherTrials_IgnoresThoseVectors()
    {
        // Counted, the two NaN vectors (which nothing dominates) would lower the median rank to 0 and prune [2, 2].
        var study = PrunerStudies.WithCompleteVectors(Pruner(minTrials: 4), Minimize2, [1, 1], [2, 2], [3, 3], [double.NaN, 0], [0, double.NaN]);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [100, 100])));
        var relaxed = PrunerStudies.WithCompleteVectors(Pruner(), Minimize2, [1, 1], [2, 2], [3, 3], [double.NaN, 0], [0, double.NaN]);
        Assert.False(PrunerStudies.Decide(relaxed, PrunerStudies.RunningVectors(relaxed, [2, 2])));
    }

    [Fact]
    public void Prune_NaNInTheJudgedVector_Prunes()
    {
        var study = PrunerStudies.WithCompleteVectors(Pruner(), Minimize2, [1, 1], [2, 2]);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.RunningVectors(study, [0, double.NaN])));
    }

    [Fact]
    public void Prune_StartupWarmupAndInterval_AreRespected()
    {
        var startup = PrunerStudies.WithCompleteVectors(Pruner(startupTrials: 4), Minimize2, [1, 1], [2, 2], [3, 3]);
        Assert.False(PrunerStudies.Decide(startup, PrunerStudies.RunningVectors(startup, [9, 9])));

        var warmup = PrunerStudies.WithCompleteVectors(Pruner(warmupSteps: 1, intervalSteps: 2), Minimize2, [1, 1], [2, 2], [3, 3]);
        var trial = PrunerStudies.RunningVectors(warmup, [9, 9]);
        Assert.False(PrunerStudies.Decide(warmup, trial));
        trial.Report([9, 9], 1);
        Assert.True(PrunerStudies.Decide(warmup, trial));
        trial.Report([9, 9], 2);
        Assert.False(PrunerStudies.Decide(warmup, trial));
    }

    [Fact]
    public void Prune_StepNoCompleteTrialReported_DoesNotPrune()
    {
        var study = PrunerStudies.WithCompleteVectors(Pruner(), Minimize2, [1, 1], [2, 2], [3, 3]);
        var trial = PrunerStudies.RunningVectors(study, [9, 9], [9, 9], [9, 9], [9, 9]);

        Assert.False(PrunerStudies.Decide(study, trial));
    }

    [Theory]
    [InlineData(2.5, true)]
    [InlineData(2.0, false)]
    [InlineData(1.5, false)]
    public void Prune_OneObjective_RanksAmongTheDistinctValuesAsTheMedianPrunerWould(double value, bool expected)
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, [1], [2], [3]);
        var median = PrunerStudies.WithCompleteCurves(new MedianPruner(new MedianPrunerOptions { StartupTrials = 0 }), StudyDirection.Minimize, [1], [2], [3]);

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
        Assert.Equal(expected, PrunerStudies.Decide(median, PrunerStudies.Running(median, value)));
    }

    [Fact]
    public void Optimize_TwoObjectivesSameSeedTwice_MakesTheSameDecisions()
    {
        static string Run()
        {
            var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(7), Pruner = Pruner(startupTrials: 3), Directions = Minimize2 });
            study.Optimize(LearningCurveObjective.TwoObjectives(StudyDirection.Minimize, StudyDirection.Minimize), new OptimizeOptions { Trials = 30, ShowProgress = false });
            return string.Join(";", study.Trials.Select(t => $"{t.State}@{t.IntermediateVectors.Count}"));
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains("Pruned", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParetoMedianPruner(new ParetoMedianPrunerOptions { StartupTrials = -1 }));
        Assert.Equal("ParetoMedianPrunerOptions.StartupTrials must be >= 0, but got -1. Use 0 to prune from the first complete trial.", error.Message);
        Assert.Throws<ArgumentException>(() => new ParetoMedianPruner(new ParetoMedianPrunerOptions { WarmupSteps = -1 }));
        Assert.Throws<ArgumentException>(() => new ParetoMedianPruner(new ParetoMedianPrunerOptions { IntervalSteps = 0 }));
        Assert.Throws<ArgumentException>(() => new ParetoMedianPruner(new ParetoMedianPrunerOptions { MinTrials = 0 }));
    }

    private static bool Dominates(double[] a, double[] b) => a[0] <= b[0] && a[1] <= b[1] && (a[0] < b[0] || a[1] < b[1]);
}

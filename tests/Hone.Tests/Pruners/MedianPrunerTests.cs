using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Pruners;

public class MedianPrunerTests
{
    private static readonly double[][] OneTwoThree = [[1, 1], [2, 2], [3, 3]];

    private static MedianPruner Pruner(int startupTrials = 0, int warmupSteps = 0, int intervalSteps = 1, int minTrials = 1) =>
        new(new MedianPrunerOptions { StartupTrials = startupTrials, WarmupSteps = warmupSteps, IntervalSteps = intervalSteps, MinTrials = minTrials });

    [Theory]
    [InlineData(2.5, true)]
    [InlineData(2.0, false)]
    [InlineData(1.5, false)]
    public void Prune_Minimize_PrunesAboveTheMedianAtTheStep(double value, bool expected)
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, OneTwoThree);

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
    }

    [Theory]
    [InlineData(1.5, true)]
    [InlineData(2.0, false)]
    [InlineData(2.5, false)]
    public void Prune_Maximize_PrunesBelowTheMedianAtTheStep(double value, bool expected)
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Maximize, OneTwoThree);

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
    }

    [Fact]
    public void Prune_FewerCompleteTrialsThanStartup_DoesNotPrune()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(startupTrials: 4), StudyDirection.Minimize, OneTwoThree);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 100)));
    }

    [Fact]
    public void Prune_StepBelowWarmup_DoesNotPruneUntilTheWarmupStep()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(warmupSteps: 1), StudyDirection.Minimize, OneTwoThree);
        var trial = PrunerStudies.Running(study, 100);

        Assert.False(PrunerStudies.Decide(study, trial));
        trial.Report(100, 1);
        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_IntervalOfTwo_JudgesOnlyTheFirstStepOfEachInterval()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(intervalSteps: 2), StudyDirection.Minimize, [1, 1, 1], [2, 2, 2], [3, 3, 3]);
        var trial = PrunerStudies.Running(study, 100);
        Assert.True(PrunerStudies.Decide(study, trial));

        trial.Report(100, 1);
        Assert.False(PrunerStudies.Decide(study, trial));

        trial.Report(100, 2);
        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_SkippedStepsInsideAnInterval_JudgesTheFirstReportedOne()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(intervalSteps: 4), StudyDirection.Minimize, [1, 1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2, 2]);

        // Steps 0 and 5: step 5 is the first report of the interval [4, 8).
        var trial = PrunerStudies.RunningAt(study, (0, 100.0), (5, 100.0));

        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_FewerTrialsAtTheStepThanMinTrials_DoesNotPrune()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(minTrials: 2), StudyDirection.Minimize, [1, 1, 1, 1], [2, 2]);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 9, 9, 9, 9)));
        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 9, 9)));
    }

    [Fact]
    public void Prune_GoodEarlierStep_ComparesTheBestValueSoFar()
    {
        // The median at step 1 is 2; the trial's best value, 0.5 at step 0, beats it.
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, OneTwoThree);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0.5, 5)));
    }

    [Fact]
    public void Prune_StepsReportedOutOfOrder_JudgesTheLargestStep()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, [10, 1], [10, 2], [10, 3]);

        // Step 1 after step 0 would be judged against the median 2 at step 1; reported the other way round, too.
        var trial = PrunerStudies.RunningAt(study, (1, 5.0), (0, 9.0));

        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_StepReportedAgain_UsesTheLatestValue()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, OneTwoThree);
        var trial = PrunerStudies.Running(study, 5);
        Assert.True(PrunerStudies.Decide(study, trial));

        trial.Report(1, 0);

        Assert.False(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_NaNAmongCompleteValues_IgnoresThem()
    {
        // The median of [1, 3] is 2; counting NaN as a value would make it 3 or NaN.
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, [double.NaN], [1], [3]);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 2.5)));
    }

    [Fact]
    public void Prune_EveryValueOfTheTrialNaN_Prunes()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, OneTwoThree);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, double.NaN)));
    }

    [Fact]
    public void Prune_RunningAndPrunedTrials_AreNotCompared()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, OneTwoThree);
        _ = PrunerStudies.Running(study, 100);
        _ = PrunerStudies.Running(study, 100);
        study.Tell(PrunerStudies.Running(study, 100), Hone.Trials.TrialState.Pruned);

        // With the others counted the median would be 100.
        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 2.5)));
    }

    [Fact]
    public void Prune_TrialCompletedAfterAnEarlierDecision_IsCountedNext()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(), StudyDirection.Minimize, [1]);
        var trial = PrunerStudies.Running(study, 1.5);
        Assert.True(PrunerStudies.Decide(study, trial));

        study.Tell(PrunerStudies.Running(study, 2), 2);
        study.Tell(PrunerStudies.Running(study, 3), 3);

        Assert.False(PrunerStudies.Decide(study, trial));
    }

    [Theory]
    [InlineData(-1, 0, 1, 1, "StartupTrials")]
    [InlineData(0, -1, 1, 1, "WarmupSteps")]
    [InlineData(0, 0, 0, 1, "IntervalSteps")]
    [InlineData(0, 0, 1, 0, "MinTrials")]
    public void Constructor_OptionOutOfRange_NamesTheOption(int startup, int warmup, int interval, int minTrials, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => Pruner(startup, warmup, interval, minTrials));

        Assert.Contains("MedianPrunerOptions." + option, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Property(MaxTest = 50)]
    public Property Prune_TrialBestAtEveryStep_IsNeverPruned() =>
        Prop.ForAll(
            Arb.From(from trials in Gen.Choose(1, 6)
                     from steps in Gen.Choose(1, 6)
                     from values in Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(v => v / 10.0), trials * steps)
                     from maximize in Gen.Elements(false, true)
                     select (trials, steps, values, maximize)),
            sample =>
            {
                var (trials, steps, values, maximize) = sample;
                var direction = maximize ? StudyDirection.Maximize : StudyDirection.Minimize;
                var curves = Enumerable.Range(0, trials).Select(i => values.Skip(i * steps).Take(steps).ToArray()).ToArray();
                var study = PrunerStudies.WithCompleteCurves(Pruner(), direction, curves);
                var best = Enumerable.Range(0, steps)
                    .Select(s => maximize ? curves.Max(c => c[s]) + 0.1 : curves.Min(c => c[s]) - 0.1)
                    .ToArray();
                var trial = study.Ask();
                for (var s = 0; s < steps; s++)
                {
                    trial.Report(best[s], s);
                    Assert.False(PrunerStudies.Decide(study, trial), $"pruned at step {s}");
                }
            });
}

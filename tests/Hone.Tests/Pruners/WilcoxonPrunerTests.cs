using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Pruners;

public class WilcoxonPrunerTests
{
    private static readonly double[] Ones = [1, 1, 1, 1, 1];

    private static Study NewStudy(StudyDirection direction, params double[][] complete) =>
        PrunerStudies.WithCompleteCurves(new WilcoxonPruner(), direction, complete);

    [Fact]
    public void Prune_WorseOnEverySharedInstance_Prunes()
    {
        // Five distinct positive differences: the exact p-value is 1/32 < 0.1.
        var study = NewStudy(StudyDirection.Minimize, Ones);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1.1, 1.2, 1.3, 1.4, 1.5)));
    }

    [Fact]
    public void Prune_FewSharedInstances_WaitsForMoreEvidence()
    {
        // Three distinct positive differences: p = 1/8, not below 0.1.
        var study = NewStudy(StudyDirection.Minimize, Ones);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1.1, 1.2, 1.3)));
    }

    [Fact]
    public void Prune_Maximize_PrunesATrialLowerEverywhere()
    {
        var study = NewStudy(StudyDirection.Maximize, Ones);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0.9, 0.8, 0.7, 0.6, 0.5)));
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1.1, 1.2, 1.3, 1.4, 1.5)));
    }

    [Fact]
    public void Prune_BetterOnEverySharedInstance_DoesNotPrune()
    {
        var study = NewStudy(StudyDirection.Minimize, Ones);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0.9, 0.8, 0.7, 0.6, 0.5)));
    }

    [Fact]
    public void Prune_MeanAlreadyBetterThanTheBestTrials_KeepsTheTrial()
    {
        // Worse on instances 0-4, but the best trial's mean, 5, is far above the trial's 1.3.
        var study = NewStudy(StudyDirection.Minimize, [1, 1, 1, 1, 1, 9, 9, 9, 9, 9]);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1.1, 1.2, 1.3, 1.4, 1.5)));
    }

    [Fact]
    public void Prune_InstancesInAnyOrder_PairsThemByStep()
    {
        var study = NewStudy(StudyDirection.Minimize, [5, 4, 3, 2, 1]);

        var trial = PrunerStudies.RunningAt(study, (4, 1.5), (3, 2.4), (2, 3.3), (1, 4.2), (0, 5.1));

        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_FewerSharedStepsThanStartup_DoesNotPrune()
    {
        var study = PrunerStudies.WithCompleteCurves(new WilcoxonPruner(new WilcoxonPrunerOptions { StartupSteps = 6 }), StudyDirection.Minimize, [1, 1, 1, 1, 1, 1]);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 9, 9, 9, 9, 9)));
    }

    [Fact]
    public void Prune_NoCompleteTrial_DoesNotPrune()
    {
        var study = Study.Create(new StudyOptions { Pruner = new WilcoxonPruner() });

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 9, 9, 9, 9, 9)));
    }

    [Fact]
    public void Prune_NonFiniteValue_DoesNotPrune()
    {
        var study = NewStudy(StudyDirection.Minimize, Ones);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 9, 9, 9, 9, double.NaN)));
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 9, 9, 9, 9, double.PositiveInfinity)));
    }

    [Fact]
    public void Prune_NewBestTrial_IsComparedAgainstNext()
    {
        var study = NewStudy(StudyDirection.Minimize, [2, 2, 2, 2, 2]);
        var trial = PrunerStudies.Running(study, 1.1, 1.2, 1.3, 1.4, 1.5);
        Assert.False(PrunerStudies.Decide(study, trial));

        study.Tell(PrunerStudies.Running(study, Ones), 1);

        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Theory]
    [InlineData(0, 2, "PThreshold")]
    [InlineData(1.5, 2, "PThreshold")]
    [InlineData(0.1, -1, "StartupSteps")]
    public void Constructor_OptionOutOfRange_NamesTheOption(double pThreshold, int startupSteps, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = pThreshold, StartupSteps = startupSteps }));

        Assert.Contains("WilcoxonPrunerOptions." + option, error.Message, StringComparison.Ordinal);
    }
}

using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Pruners;

public class PatientPrunerTests
{
    private static Study NewStudy(IPruner? wrapped, int patience, double minDelta = 0, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions
        {
            Pruner = new PatientPruner(wrapped, new PatientPrunerOptions { Patience = patience, MinDelta = minDelta }),
            Directions = [direction],
        });

    [Fact]
    public void Prune_NoImprovementForPatiencePlusOneSteps_Prunes()
    {
        // Best before the last 3 steps: 3; best of the last 3: 3.1, no better.
        var study = NewStudy(null, patience: 2);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 5, 4, 3, 3.5, 3.2, 3.1)));
    }

    [Fact]
    public void Prune_ImprovementWithinPatience_DoesNotPrune()
    {
        var study = NewStudy(null, patience: 2);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 5, 4, 3, 3.5, 3.2, 2.9)));
    }

    [Fact]
    public void Prune_TooFewSteps_DoesNotPrune()
    {
        var study = NewStudy(null, patience: 2);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1, 2, 3)));
    }

    [Fact]
    public void Prune_WorseByLessThanMinDelta_DoesNotPrune()
    {
        var study = NewStudy(null, patience: 2, minDelta: 0.2);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 5, 4, 3, 3.5, 3.2, 3.1)));
    }

    [Fact]
    public void Prune_Maximize_StallsWhenTheRecentBestIsLower()
    {
        var study = NewStudy(null, patience: 1, direction: StudyDirection.Maximize);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1, 3, 2, 2.5)));
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1, 3, 2, 3.5)));
    }

    [Fact]
    public void Prune_StalledTrial_LeavesTheDecisionToTheWrappedPruner()
    {
        var study = NewStudy(new NopPruner(), patience: 1);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1, 2, 3, 4)));
    }

    [Fact]
    public void Prune_StepsReportedOutOfOrder_TakesThemInStepOrder()
    {
        // In step order: 1, 2, 3, 4 (stalled); in report order the best value would be the last.
        var study = NewStudy(null, patience: 1);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.RunningAt(study, (3, 4.0), (2, 3.0), (1, 2.0), (0, 1.0))));
    }

    [Fact]
    public void Prune_RecentValuesAllNaN_DoesNotPrune()
    {
        var study = NewStudy(null, patience: 1);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1, 2, double.NaN, double.NaN)));
    }

    [Theory]
    [InlineData(-1, 0, "Patience")]
    [InlineData(1, -0.5, "MinDelta")]
    [InlineData(1, double.NaN, "MinDelta")]
    public void Constructor_OptionOutOfRange_NamesTheOption(int patience, double minDelta, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => new PatientPruner(null, new PatientPrunerOptions { Patience = patience, MinDelta = minDelta }));

        Assert.Contains("PatientPrunerOptions." + option, error.Message, StringComparison.Ordinal);
    }
}

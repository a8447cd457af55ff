using Hone.Distributions;
using Hone.SearchSpaces;
using Hone.Studies;

namespace Hone.Tests.SearchSpaces;

public class IntersectionSearchSpaceTests
{
    [Fact]
    public void Calculate_ConditionalAndChangingParameters_KeepsOnlyThoseEveryTrialSharesWithOneDistribution()
    {
        var study = Study.Create();
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestInt("n", 1, 4); t.SuggestFloat("a", 0, 1); });
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestInt("n", 1, 8); t.SuggestFloat("b", 0, 1); });
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestInt("n", 1, 8); });

        var space = new IntersectionSearchSpace().Calculate(study);

        Assert.Equal(["x"], space.Keys);
        Assert.Equal(new FloatDistribution(0, 1), space["x"]);
    }

    [Fact]
    public void Calculate_CalledAgain_AddsOnlyNewTrials()
    {
        var study = Study.Create();
        var calculator = new IntersectionSearchSpace();
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });
        Assert.Equal(["x", "y"], calculator.Calculate(study).Keys);

        Tell(study, t => t.SuggestFloat("y", 0, 1));

        Assert.Equal(["y"], calculator.Calculate(study).Keys);
    }

    [Fact]
    public void Calculate_AnOldTrialFinishingLate_IsStillCounted()
    {
        var study = Study.Create();
        var calculator = new IntersectionSearchSpace();
        var early = study.Ask();
        early.SuggestFloat("y", 0, 1);
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });
        Assert.Equal(["x", "y"], calculator.Calculate(study).Keys);

        // Trial 0, without x, ends after the later ones; then one more trial ends.
        study.Tell(early, 0);
        Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });

        Assert.Equal(["y"], calculator.Calculate(study).Keys);
    }

    [Fact]
    public void Calculate_AnotherStudyAfterTheFirst_IntersectsBoth()
    {
        var storage = new Hone.Storages.InMemoryStorage();
        var first = Study.Create(new StudyOptions { Storage = storage });
        var second = Study.Create(new StudyOptions { Storage = storage });
        var calculator = new IntersectionSearchSpace();
        Tell(first, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });
        Tell(second, t => t.SuggestFloat("x", 0, 1));

        Assert.Equal(["x", "y"], calculator.Calculate(first).Keys);
        Assert.Equal(["x"], calculator.Calculate(second).Keys);
    }

    [Fact]
    public void Calculate_NoFinishedTrial_IsEmpty()
    {
        var study = Study.Create();
        study.Ask().SuggestFloat("x", 0, 1);

        Assert.Empty(new IntersectionSearchSpace().Calculate(study));
    }

    internal static void Tell(Study study, Action<Hone.Trials.Trial> suggest)
    {
        var trial = study.Ask();
        suggest(trial);
        study.Tell(trial, 0);
    }
}

using Hone.Samplers;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Trials;

public class TrialTests
{
    private enum Optimizer
    {
        Adam,
        Sgd,
    }

    [Fact]
    public void Suggest_ParameterInOneBranchOnly_TrialsWithDifferentSpacesCoexist()
    {
        var study = NewStudy();

        study.Optimize(
            t => t.SuggestCategorical("model", ["linear", "tree"]) == "linear"
                ? t.SuggestFloat("alpha", 1e-4, 1, log: true)
                : t.SuggestInt("depth", 1, 8),
            Run(40));

        var trials = study.Trials;
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t =>
        {
            var expected = (string)t.Params["model"]! == "linear" ? new[] { "model", "alpha" } : ["model", "depth"];
            Assert.Equal(expected, t.Params.Keys);
        });
        Assert.Contains(trials, t => t.Params.ContainsKey("alpha"));
        Assert.Contains(trials, t => t.Params.ContainsKey("depth"));
    }

    [Fact]
    public void Suggest_SameNameAndDistribution_ReturnsTheSameValue()
    {
        var trial = NewStudy().Ask();

        var first = trial.SuggestFloat("x", 0, 1);
        var second = trial.SuggestFloat("x", 0, 1);
        var choice = trial.SuggestCategorical("c", ["a", "b", "c"]);

        Assert.Equal(first, second);
        Assert.Equal(choice, trial.SuggestCategorical("c", ["a", "b", "c"]));
        Assert.Equal(2, trial.Params.Count);
    }

    [Fact]
    public void Suggest_SameNameOtherDistribution_ThrowsNamingBoth()
    {
        var trial = NewStudy().Ask();
        trial.SuggestFloat("x", 0, 1);

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 2));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("High = 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("High = 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestCategorical_SameNameOtherChoices_ThrowsNamingBothChoiceLists()
    {
        var trial = NewStudy().Ask();
        trial.SuggestCategorical("opt", ["adam", "sgd"]);

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestCategorical("opt", ["adam", "rmsprop"]));

        Assert.Contains("sgd", error.Message, StringComparison.Ordinal);
        Assert.Contains("rmsprop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestCategorical_Enums_ReturnsTheCallersValue()
    {
        var trial = NewStudy().Ask();

        var value = trial.SuggestCategorical("opt", [Optimizer.Adam, Optimizer.Sgd]);

        Assert.IsType<Optimizer>(value);
        Assert.Equal(value.ToString(), trial.Params["opt"]);
    }

    [Fact]
    public void SuggestCategorical_ReferenceChoices_ReturnsTheVeryObjectPassed()
    {
        var first = new string('a', 3);
        var second = new string('b', 3);
        var trial = NewStudy().Ask();

        var value = trial.SuggestCategorical("s", [first, second]);

        Assert.True(ReferenceEquals(value, first) || ReferenceEquals(value, second));
    }

    [Fact]
    public void SuggestCategorical_NullBoolAndNumbers_ReturnTheCallersValues()
    {
        var study = NewStudy();
        var seen = new List<(string? Text, bool Flag, int Number, double Real, float Single)>();

        study.Optimize(
            t =>
            {
                seen.Add((
                    t.SuggestCategorical("text", [null, "x"]),
                    t.SuggestCategorical("flag", [true, false]),
                    t.SuggestCategorical("number", [1, 2, 3]),
                    t.SuggestCategorical("real", [0.5, 1.0]),
                    t.SuggestCategorical("single", [0.25f, 2f])));
                return 0;
            },
            Run(30));

        Assert.Contains(seen, s => s.Text is null);
        Assert.Contains(seen, s => s.Text == "x");
        Assert.Contains(seen, s => s.Flag);
        Assert.Contains(seen, s => !s.Flag);
        Assert.All(seen, s => Assert.Contains(s.Number, new[] { 1, 2, 3 }));
        Assert.All(seen, s => Assert.Contains(s.Real, new[] { 0.5, 1.0 }));
        Assert.All(seen, s => Assert.Contains(s.Single, new[] { 0.25f, 2f }));
        Assert.All(study.Trials, t => Assert.IsType<long>(t.Params["number"]));
    }

    [Fact]
    public void ShouldPrune_PrunerPrunesAtStep3_TrialIsStoredAsPrunedWithItsReports()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1), Pruner = new PruneAtStep(3) });
        var stepsRun = new List<int>();

        study.Optimize(
            t =>
            {
                for (var step = 0; step < 10; step++)
                {
                    stepsRun.Add(step);
                    t.Report(step + 0.5, step);
                    if (t.ShouldPrune())
                    {
                        throw new TrialPrunedException();
                    }
                }

                return 1;
            },
            Run(1));

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Pruned, trial.State);
        Assert.Null(trial.Values);
        Assert.Equal([0, 1, 2, 3], stepsRun);
        Assert.Equal([0, 1, 2, 3], trial.IntermediateValues.Keys.Order());
        Assert.Equal(3.5, trial.LastIntermediateValue);
    }

    [Fact]
    public void Report_IsVisibleInStorageBeforeTheTrialEnds()
    {
        var study = NewStudy();
        var trial = study.Ask();

        trial.SuggestFloat("x", 0, 1);
        trial.Report(0.5, 0);

        var stored = study.Storage.GetTrial(trial.Id);
        Assert.Equal(TrialState.Running, stored.State);
        Assert.Equal(0.5, stored.IntermediateValues[0]);
        Assert.True(stored.Params.ContainsKey("x"));
    }

    [Fact]
    public void Report_AfterTell_ThrowsTrialAlreadyFinished()
    {
        var study = NewStudy();
        var trial = study.Ask();
        study.Tell(trial, 1.0);

        var error = Assert.Throws<TrialAlreadyFinishedException>(() => trial.Report(0.5, 1));
        Assert.Contains($"Trial {trial.Number}", error.Message, StringComparison.Ordinal);
        Assert.Throws<TrialAlreadyFinishedException>(() => trial.SuggestFloat("x", 0, 1));
        Assert.Throws<TrialAlreadyFinishedException>(() => trial.SetUserAttr("k", 1));
    }

    [Fact]
    public void Report_NegativeStep_Throws()
    {
        var trial = NewStudy().Ask();

        Assert.Throws<ArgumentOutOfRangeException>(() => trial.Report(1, -1));
    }

    [Fact]
    public void Report_OneValueInMultiObjectiveStudy_ThrowsNamingTheVectorForm()
    {
        var study = Study.Create(new StudyOptions { Name = "two", Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var trial = study.Ask();

        var error = Assert.Throws<InvalidOperationException>(() => trial.Report(1, 0));
        Assert.Contains("study 'two' has 2 objectives", error.Message, StringComparison.Ordinal);
        Assert.Contains("Report([v0, v1, ...], step)", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.Storage.GetTrial(trial.Id).IntermediateValues);
    }

    [Fact]
    public void Report_VectorInMultiObjectiveStudy_IsStoredWholeWithTheFirstObjectiveAsTheStepValue()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize, StudyDirection.Minimize] });
        var trial = study.Ask();

        trial.Report([0.5, 120, double.NaN], 0);
        trial.Report([0.4, 130, 2], 1);
        trial.Report([0.3, 140, double.PositiveInfinity], 1);

        foreach (var read in new[] { study.Storage.GetTrial(trial.Id), trial.Snapshot() })
        {
            Assert.Equal([0, 1], read.IntermediateVectors.Keys.Order());
            Assert.Equal([0.5, 120, double.NaN], read.IntermediateVectors[0]);
            Assert.Equal([0.3, 140, double.PositiveInfinity], read.IntermediateVectors[1]);
            Assert.Equal(0.5, read.IntermediateValues[0]);
            Assert.Equal(0.3, read.IntermediateValues[1]);
        }

        Assert.Equal([0.3, 140, double.PositiveInfinity], trial.IntermediateVectors[1]);
        Assert.Equal([0.3, 140, double.PositiveInfinity], study.Tell(trial, [0.3, 140, 1]).IntermediateVectors[1]);
    }

    [Fact]
    public void Report_VectorOfAnotherLength_ThrowsNamingBothCountsAndKeepsNothing()
    {
        var study = Study.Create(new StudyOptions { Name = "pair", Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.Report([0.5, 1, 2], 3));

        Assert.Contains("3 value(s) at step 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("study 'pair' has 2 objective(s)", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.Storage.GetTrial(trial.Id).IntermediateVectors);
        Assert.Throws<ArgumentOutOfRangeException>(() => trial.Report([0.5, 1], -1));
    }

    [Fact]
    public void Report_VectorInSingleObjectiveStudy_IsTheOneValueReport()
    {
        var study = NewStudy();
        var trial = study.Ask();

        trial.Report([0.25], 2);

        var stored = study.Storage.GetTrial(trial.Id);
        Assert.Equal(0.25, stored.IntermediateValues[2]);
        Assert.Empty(stored.IntermediateVectors);
    }

    [Fact]
    public void Tell_ByNumberFromAnotherHandleAfterVectorReports_KeepsTheVectors()
    {
        var study = Study.Create(new StudyOptions { Name = "resumed", Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        var trial = study.Ask();
        trial.Report([1, 2], 0);

        var told = Study.Load("resumed", study.Storage).Tell(trial.Number, [1, 2]);

        Assert.Equal([1.0, 2.0], told.IntermediateVectors[0]);
    }

    [Fact]
    public void SetUserAttr_InObjective_IsStoredWithTheTrial()
    {
        var study = NewStudy();

        study.Optimize(
            t =>
            {
                t.SetUserAttr("epochs", 12);
                t.SetUserAttr("note", "fast");
                return 0;
            },
            Run(1));

        var attrs = study.Trials[0].UserAttrs;
        Assert.Equal(12L, attrs["epochs"]);
        Assert.Equal("fast", attrs["note"]);
    }

    [Fact]
    public void SuggestInt_SingleValueRange_ReturnsItWithoutSampling()
    {
        var trial = NewStudy().Ask();

        Assert.Equal(4, trial.SuggestInt("n", 4, 4));
        Assert.Equal(0.5, trial.SuggestFloat("x", 0.5, 0.5));
    }

    private static Study NewStudy() => Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });

    private static OptimizeOptions Run(int trials) => new() { Trials = trials, ShowProgress = false };
}

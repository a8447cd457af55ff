using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Studies;

public class StudyTests
{
    private enum Activation
    {
        Relu,
        Tanh,
    }

    [Fact]
    public void AskTell_Loop_StoresEveryTrialComplete()
    {
        var study = NewStudy();

        for (var i = 0; i < 5; i++)
        {
            var trial = study.Ask();
            var x = trial.SuggestFloat("x", -1, 1);
            var stored = study.Tell(trial, x * x);
            Assert.Equal(TrialState.Complete, stored.State);
            Assert.Equal(x * x, stored.Value);
            Assert.Equal(i, stored.Number);
        }

        Assert.Equal(5, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void Ask_WithDistributions_SuggestsThemAtOnce()
    {
        var study = NewStudy();

        var trial = study.Ask(new Dictionary<string, Distribution>
        {
            ["lr"] = new FloatDistribution(1e-4, 1, log: true),
            ["layers"] = new IntDistribution(1, 4),
        });

        Assert.Equal(["lr", "layers"], trial.Params.Keys);
        Assert.InRange((int)trial.Params["layers"]!, 1, 4);
    }

    [Fact]
    public void Tell_ByNumber_CompletesTheTrial()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.SuggestInt("n", 1, 3);

        var stored = study.Tell(trial.Number, 2.5);

        Assert.Equal(TrialState.Complete, stored.State);
        Assert.Equal(2.5, stored.Value);
        Assert.True(stored.Params.ContainsKey("n"));
    }

    [Fact]
    public void Tell_WrongNumberOfValues_ThrowsAndLeavesTheTrialRunningToBeToldAgain()
    {
        var study = NewStudy();
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => study.Tell(trial, [1.0, 2.0]));
        Assert.Contains("1 objective(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 value(s)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => study.Tell(trial.Number, [1.0, 2.0]));

        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.False(trial.IsFinished);
        Assert.Equal(TrialState.Complete, study.Tell(trial, 1.0).State);
    }

    [Fact]
    public void Tell_Twice_ThrowsTrialAlreadyFinished()
    {
        var study = NewStudy();
        var trial = study.Ask();
        study.Tell(trial, 1.0);

        Assert.Throws<TrialAlreadyFinishedException>(() => study.Tell(trial, 2.0));
        var error = Assert.Throws<TrialAlreadyFinishedException>(() => study.Tell(trial.Number, 2.0));
        Assert.Contains("Complete", error.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, study.Trials[0].Value);
    }

    [Fact]
    public void Tell_UnknownTrialNumber_ThrowsTrialNotFound()
    {
        var study = NewStudy();
        study.Ask();

        var error = Assert.Throws<TrialNotFoundException>(() => study.Tell(7, 1.0));
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tell_PrunedOrFailed_StoresStateAndReason()
    {
        var study = NewStudy();

        var pruned = study.Tell(study.Ask(), TrialState.Pruned);
        var failed = study.Tell(study.Ask(), TrialState.Failed, "data loader crashed");

        Assert.Equal(TrialState.Pruned, pruned.State);
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Equal("data loader crashed", failed.SystemAttrs["fail_reason"]);
        Assert.Throws<ArgumentException>(() => study.Tell(study.Ask(), TrialState.Complete));
    }

    [Fact]
    public void Tell_TrialOfAnotherStudy_Throws()
    {
        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { Name = "a", Storage = storage });
        var second = Study.Create(new StudyOptions { Name = "b", Storage = storage });

        var error = Assert.Throws<ArgumentException>(() => second.Tell(first.Ask(), 1.0));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnqueueTrial_AllParameters_RunsThemFirst()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["n"] = 3, ["opt"] = "sgd", ["act"] = Activation.Tanh });

        study.Optimize(Objective, Run(3));

        var first = study.Trials[0];
        Assert.Equal(0.25, first.Params["x"]);
        Assert.Equal(3, first.Params["n"]);
        Assert.Equal("sgd", first.Params["opt"]);
        Assert.Equal("Tanh", first.Params["act"]);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void EnqueueTrial_SomeParameters_SamplesTheRest()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.75 });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });

        study.Optimize(Objective, Run(2));

        Assert.Equal([0.75, 0.5], study.Trials.Select(t => t.Params["x"]));
        Assert.All(study.Trials, t => Assert.InRange((int)t.Params["n"]!, 1, 5));
    }

    [Fact]
    public void EnqueueTrial_RealEnqueuedForAnIntegralRealChoice_IsUsed()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["scale"] = 1.0 });

        study.Optimize(t => t.SuggestCategorical("scale", [0.5, 1.0, 2.0]), Run(1));

        Assert.Equal(1.0, study.Trials[0].Params["scale"]);
    }

    [Fact]
    public void EnqueueTrial_ValueOutsideDistribution_FailsTheTrialWithAClearError()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 5.0 });

        var error = Assert.Throws<ArgumentException>(() => study.Optimize(Objective, Run(1)));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Failed, study.Trials[0].State);
    }

    [Fact]
    public void EnqueueTrial_ValueNotAChoice_FailsTheTrialNamingTheChoices()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["n"] = 1, ["opt"] = "rmsprop" });

        var error = Assert.Throws<ArgumentException>(() => study.Optimize(Objective, Run(1)));

        Assert.Contains("'opt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("rmsprop", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"adam\", \"sgd\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnqueueTrial_SkipIfExists_SkipsTheSameParametersOnly()
    {
        var study = NewStudy();
        var parameters = new Dictionary<string, object?> { ["x"] = 0.5, ["n"] = 2 };

        Assert.NotNull(study.EnqueueTrial(parameters, skipIfExists: true));
        Assert.Null(study.EnqueueTrial(new Dictionary<string, object?> { ["n"] = 2, ["x"] = 0.5 }, skipIfExists: true));
        Assert.NotNull(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["n"] = 3 }, skipIfExists: true));
        study.Optimize(Objective, Run(2));
        Assert.Null(study.EnqueueTrial(parameters, skipIfExists: true));
        Assert.NotNull(study.EnqueueTrial(parameters));

        Assert.Equal(3, study.Trials.Count);
    }

    [Fact]
    public void EnqueueTrial_SkipIfExistsWithEnumAndRealValues_RecognizesTheQueuedTrial()
    {
        var study = NewStudy();
        var parameters = new Dictionary<string, object?> { ["act"] = Activation.Relu, ["scale"] = 2.0 };

        study.EnqueueTrial(parameters);

        Assert.Null(study.EnqueueTrial(parameters, skipIfExists: true));
        Assert.Single(study.Trials);
    }

    [Fact]
    public void EnqueueTrial_UserAttrs_AreSetOnTheTrial()
    {
        var study = NewStudy();
        var waiting = study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 }, new Dictionary<string, object?> { ["source"] = "baseline" });

        Assert.Equal(TrialState.Waiting, waiting!.State);
        study.Optimize(Objective, Run(1));
        Assert.Equal("baseline", study.Trials[0].UserAttrs["source"]);
    }

    [Fact]
    public void BestTrial_Minimize_IsTheLowestValue()
    {
        var study = NewStudy();
        TellAll(study, 3, 1, 2);

        Assert.Equal(1, study.BestValue);
        Assert.Equal(1, study.BestTrial.Number);
        Assert.Equal(study.Trials[1].Params, study.BestParams);
    }

    [Fact]
    public void BestTrial_Maximize_IsTheHighestValue()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize], Sampler = new RandomSampler(1) });
        TellAll(study, 3, 1, 2);
        study.Tell(study.Ask(), TrialState.Failed, "ignored");

        Assert.Equal(3, study.BestValue);
        Assert.Equal(0, study.BestTrial.Number);
        Assert.Equal(study.Trials[0].Params["x"], study.BestParams["x"]);
    }

    [Fact]
    public void BestTrial_NoCompleteTrial_ThrowsSayingSo()
    {
        var study = NewStudy();
        study.Tell(study.Ask(), TrialState.Pruned);

        var error = Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Contains("no complete trial", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => study.BestValue);
    }

    [Fact]
    public void BestTrial_MultiObjective_ThrowsPointingToDirections()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        study.Tell(study.Ask(), [1.0, 2.0]);

        var error = Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Contains("2 objectives", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BestTrials_TwoObjectives_IsTheBruteForceParetoFront()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var random = new Random(5);
        for (var i = 0; i < 60; i++)
        {
            // Small integers, so that ties and duplicates occur.
            study.Tell(study.Ask(), [random.Next(10), random.Next(10)]);
        }

        study.Tell(study.Ask(), TrialState.Failed);

        var complete = study.GetTrials(TrialState.Complete);
        var expected = complete
            .Where(t => !complete.Any(u =>
                u.Values![0] <= t.Values![0] && u.Values[1] >= t.Values[1]
                && (u.Values[0] < t.Values[0] || u.Values[1] > t.Values[1])))
            .Select(t => t.Number);
        Assert.Equal(expected, study.BestTrials.Select(t => t.Number));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public void Tell_NaNInOneOfTwoObjectives_FailsTheTrialWithAReason()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });

        var stored = study.Tell(study.Ask(), [1.0, double.NaN]);

        Assert.Equal(TrialState.Failed, stored.State);
        Assert.Null(stored.Values);
        Assert.Equal("The objective returned [1, NaN]; values must be finite numbers.", stored.SystemAttrs["fail_reason"]);
        Assert.Empty(study.BestTrials);
    }

    [Fact]
    public void Hypervolume_TwoObjectives_MeasuresTheFrontInTheStudysDirections()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        study.Tell(study.Ask(), [1.0, 2.0]);
        study.Tell(study.Ask(), [2.0, 1.0]);
        study.Tell(study.Ask(), [0.5, 0.5]);

        Assert.Equal((1.5 * 0.5) + (1 * 1.5), study.Hypervolume([2, 0]));
        Assert.Equal(ParetoFront.Hypervolume(study.BestTrials, study.Directions), study.Hypervolume());
        Assert.Throws<ArgumentException>(() => study.Hypervolume([2]));
    }

    [Fact]
    public void BestTrials_SingleObjective_AreTheTrialsSharingTheBestValue()
    {
        var study = NewStudy();
        TellAll(study, 2, 1, 3, 1);

        Assert.Equal([1, 3], study.BestTrials.Select(t => t.Number));
    }

    [Fact]
    public void Load_UnknownStudy_ThrowsStudyNotFoundNamingIt()
    {
        var error = Assert.Throws<StudyNotFoundException>(() => Study.Load("nope", new InMemoryStorage()));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExistingStudy_SeesItsTrialsAndDirections()
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { Name = "s", Storage = storage, Directions = [StudyDirection.Maximize] });
        TellAll(study, 1, 2);

        var loaded = Study.Load("s", storage);

        Assert.Equal(StudyDirection.Maximize, loaded.Direction);
        Assert.Equal(2, loaded.BestValue);
    }

    [Fact]
    public void Create_ExistingNameWithoutLoadIfExists_ThrowsDuplicate()
    {
        var storage = new InMemoryStorage();
        Study.Create(new StudyOptions { Name = "s", Storage = storage });

        Assert.Throws<DuplicateStudyException>(() => Study.Create(new StudyOptions { Name = "s", Storage = storage }));
    }

    [Fact]
    public void Create_LoadIfExists_ResumesTheStudy()
    {
        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { Name = "s", Storage = storage });
        first.Optimize(Objective, Run(3));

        var resumed = Study.Create(new StudyOptions { Name = "s", Storage = storage, LoadIfExists = true });
        resumed.Optimize(Objective, Run(2));

        Assert.Equal(first.Id, resumed.Id);
        Assert.Equal(Enumerable.Range(0, 5), resumed.Trials.Select(t => t.Number));
    }

    [Fact]
    public void Create_LoadIfExistsWithOtherDirections_ThrowsNamingBoth()
    {
        var storage = new InMemoryStorage();
        Study.Create(new StudyOptions { Name = "s", Storage = storage });

        var error = Assert.Throws<ArgumentException>(() =>
            Study.Create(new StudyOptions { Name = "s", Storage = storage, LoadIfExists = true, Directions = [StudyDirection.Maximize] }));

        Assert.Contains("[Minimize]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Maximize]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoDirection_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Directions = [] }));
        Assert.Contains("at least one direction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetUserAttr_StudyAttributes_AreReadBackNormalized()
    {
        var study = NewStudy();

        study.SetUserAttr("dataset", "mnist");
        study.SetUserAttr("folds", 5);
        study.SetUserAttr("dataset", "cifar");

        Assert.Equal("cifar", study.UserAttrs["dataset"]);
        Assert.Equal(5L, study.UserAttrs["folds"]);
        Assert.Equal(2, study.UserAttrs.Count);
    }

    private static double Objective(Trial t) =>
        t.SuggestFloat("x", 0, 1)
        + t.SuggestInt("n", 1, 5)
        + t.SuggestCategorical("opt", ["adam", "sgd"]).Length
        + (int)t.SuggestCategorical("act", [Activation.Relu, Activation.Tanh]);

    private static void TellAll(Study study, params double[] values)
    {
        foreach (var value in values)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 0, 1);
            study.Tell(trial, value);
        }
    }

    private static Study NewStudy() => Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });

    private static OptimizeOptions Run(int trials) => new() { Trials = trials, ShowProgress = false };
}

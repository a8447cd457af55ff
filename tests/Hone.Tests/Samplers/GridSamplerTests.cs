using Hone.Distributions;
using Hone.Samplers;
using Hone.SearchSpaces;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Samplers;

public class GridSamplerTests
{
    private static readonly OptimizeOptions UntilDone = new() { ShowProgress = false };

    [Fact]
    public void Optimize_NoTrialLimit_EvaluatesEachPointOnceInOrderThenStops()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("y", ["a", "b"]), ("x", [1, 2, 3])) });

        study.Optimize(XY, UntilDone);

        // Parameters in name order, the last varying fastest.
        Assert.Equal(["1a", "1b", "2a", "2b", "3a", "3b"], study.Trials.Select(Key));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (object?)(long)i), study.Trials.Select(t => t.SystemAttrs[GridSampler.GridIdKey]));
        Assert.True(study.Sampler.IsExhausted(study));
    }

    [Fact]
    public void Optimize_TrialLimitAboveTheGridSize_StopsWhenTheGridIsDone()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2, 3]), ("y", ["a", "b"])) });

        study.Optimize(XY, new OptimizeOptions { Trials = 100, ShowProgress = false });

        Assert.Equal(6, study.Trials.Count);
    }

    [Fact]
    public void Optimize_ParallelWorkers_EvaluateEveryPointExactlyOnce()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [.. Enumerable.Range(0, 25).Cast<object?>()]), ("y", ["a", "b"])) });

        study.Optimize(XY, new OptimizeOptions { Parallelism = 4, ShowProgress = false });

        AssertEachPointOnce(study.Trials, 50);
        Assert.Equal(50, study.Trials.Count);
    }

    [Fact]
    public async Task Optimize_TwoProcessesSharingOneFile_EvaluateEveryPointExactlyOnce()
    {
        using var file = new TemporaryDatabase();
        using (var setup = new SqliteStorage(file.Path))
        {
            Study.Create(new StudyOptions { Name = "s", Storage = setup });
        }

        // Two storages on one file stand for two processes, one visiting the grid in order and one shuffled.
        var workers = new[] { false, true }.Select(shuffle => Task.Run(() =>
        {
            using var storage = new SqliteStorage(file.Path);
            var sampler = new GridSampler(new GridSamplerOptions { Grid = Values(("x", [.. Enumerable.Range(0, 15).Cast<object?>()]), ("y", ["a", "b"])), Shuffle = shuffle, Seed = 1 });
            Study.Load("s", storage, sampler).Optimize(XY, UntilDone);
        })).ToArray();
        await Task.WhenAll(workers);

        using var reader = new SqliteStorage(file.Path);
        AssertEachPointOnce(Study.Load("s", reader).Trials, 30);
    }

    [Fact]
    public void Optimize_Shuffle_SameSeedVisitsInTheSameOrderAndOthersNot()
    {
        static IEnumerable<object?> Order(int seed)
        {
            var study = Study.Create(new StudyOptions
            {
                Sampler = new GridSampler(new GridSamplerOptions { Grid = Values(("x", [1, 2, 3, 4, 5, 6, 7, 8]), ("y", ["a", "b"])), Shuffle = true, Seed = seed }),
            });
            study.Optimize(XY, UntilDone);
            return study.Trials.Select(t => t.SystemAttrs[GridSampler.GridIdKey]);
        }

        Assert.Equal(Order(1), Order(1));
        Assert.NotEqual(Order(1), Order(2));
        Assert.NotEqual(Enumerable.Range(0, 16).Select(i => (object?)(long)i), Order(1));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (object?)(long)i), Order(1).Order());
    }

    [Fact]
    public void Optimize_ResumedWithANewSampler_EvaluatesOnlyThePointsLeft()
    {
        using var file = new TemporaryDatabase();
        using var storage = new SqliteStorage(file.Path);
        var first = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = Grid(("x", [1, 2, 3, 4, 5]), ("y", ["a", "b"])) });
        first.Optimize(XY, new OptimizeOptions { Trials = 4, ShowProgress = false });

        var resumed = Study.Load("s", storage, new GridSampler(new GridSamplerOptions { Grid = Values(("x", [1, 2, 3, 4, 5]), ("y", ["a", "b"])), Shuffle = true, Seed = 3 }));
        resumed.Optimize(XY, UntilDone);

        AssertEachPointOnce(resumed.Trials, 10);
        Assert.Equal(10, resumed.Trials.Count);
    }

    [Fact]
    public void Optimize_AnotherProcessTookTheRestOfTheGrid_StopsWithoutAFailedTrial()
    {
        // Two samplers on one storage stand for two processes: the first has seen only its own claim when the second
        // takes every point left.
        using var file = new TemporaryDatabase();
        using var storage = new SqliteStorage(file.Path);
        var first = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = Grid(("x", [1, 2, 3, 4, 5]), ("y", ["a", "b"])) });
        first.Optimize(XY, new OptimizeOptions { Trials = 1, ShowProgress = false });
        var second = Study.Load("s", storage, Grid(("x", [1, 2, 3, 4, 5]), ("y", ["a", "b"])));
        second.Optimize(XY, UntilDone);

        first.Optimize(XY, UntilDone);

        Assert.Empty(first.GetTrials(TrialState.Failed));
        AssertEachPointOnce(first.Trials, 10);
        Assert.Equal(10, first.Trials.Count);
    }

    [Fact]
    public void Optimize_ResumedWithAnotherGrid_FailsNamingTheCause()
    {
        var study = Study.Create(new StudyOptions { Name = "s", Sampler = Grid(("x", [1, 2, 3])) });
        study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone);

        // Ids 0 and 1 of the new grid are claimed already, yet the study must not look finished.
        var other = Study.Load("s", study.Storage, Grid(("x", [5, 6])));
        var error = Assert.Throws<InvalidOperationException>(() => other.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone));

        Assert.Contains("another grid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsExhausted_ClaimedGridWithAWaitingTrial_IsFalseUntilItRuns()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2])) });
        Assert.False(study.Sampler.IsExhausted(study));
        study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone);
        Assert.True(study.Sampler.IsExhausted(study));

        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 5 });

        Assert.False(study.Sampler.IsExhausted(study));
        study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone);
        Assert.Equal([1, 2, 5], study.Trials.Select(t => (int)t.Params["x"]!));
        Assert.True(study.Sampler.IsExhausted(study));
    }

    [Fact]
    public void Ask_GridDone_ThrowsSearchSpaceExhausted()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1])) });
        var trial = study.Ask();
        study.Tell(trial, trial.SuggestInt("x", 0, 9));

        var error = Assert.Throws<SearchSpaceExhaustedException>(study.Ask);

        Assert.Contains("All 1 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_EnqueuedTrialOnTheGrid_TakesThatPointInsteadOfEvaluatingItTwice()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2, 3])) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2 });

        study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone);

        Assert.Equal([2, 1, 3], study.Trials.Select(t => (int)t.Params["x"]!));
    }

    [Fact]
    public void Optimize_PartlyEnqueuedTrial_IsCompletedFromAMatchingPoint()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2]), ("y", ["a", "b"])) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["y"] = "b" });

        study.Optimize(XY, UntilDone);

        Assert.Equal(["1b", "1a", "2a", "2b"], study.Trials.Select(Key));
    }

    [Fact]
    public void Optimize_EnqueuedTrialOffTheGrid_RunsWithItsOwnValuesAndTakesNoPoint()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2])) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 7 });

        study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone);

        Assert.Equal([7, 1, 2], study.Trials.Select(t => (int)t.Params["x"]!));
        Assert.False(study.Trials[0].SystemAttrs.ContainsKey(GridSampler.GridIdKey));
    }

    [Fact]
    public void Optimize_PartlyEnqueuedTrialMatchingNoPoint_FailsNamingTheMissingParameter()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2]), ("y", ["a", "b"])) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["y"] = "c" });

        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => t.SuggestCategorical("y", ["a", "b", "c"]).Length + t.SuggestInt("x", 0, 9), UntilDone));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Enqueue a value for every parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_ParameterNotInTheGrid_FailsNamingIt()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2])) });

        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => t.SuggestInt("x", 0, 9) + t.SuggestFloat("z", 0, 1), UntilDone));

        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);
        Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, study.Trials[0].State);
    }

    [Fact]
    public void Optimize_GridValueOutsideTheDistribution_FailsNamingTheParameterValueAndDistribution()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [5, 50])) });

        study.Optimize(t => t.SuggestInt("x", 0, 10), new OptimizeOptions { Catch = [typeof(ArgumentException)], ShowProgress = false });

        Assert.Equal(TrialState.Complete, study.Trials[0].State);
        var reason = (string)study.Trials[1].SystemAttrs[FrozenTrial.FailReasonKey]!;
        Assert.Contains("'x'", reason, StringComparison.Ordinal);
        Assert.Contains("50", reason, StringComparison.Ordinal);
        Assert.Contains("IntDistribution", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_GridValueOfTheWrongKind_FailsNamingTheParameter()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("opt", ["adam", "lion"])) });

        study.Optimize(t => t.SuggestCategorical("opt", ["adam", "sgd"]).Length, new OptimizeOptions { Catch = [typeof(ArgumentException)], ShowProgress = false });

        Assert.Contains("\"lion\" of 'opt'", (string)study.Trials[1].SystemAttrs[FrozenTrial.FailReasonKey]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_GridParameterNeverSuggested_FailsTheFirstTrialAndStops()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(("x", [1, 2]), ("momentun", [0.9, 0.99])) });

        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone));

        Assert.Contains("'momentun'", error.Message, StringComparison.Ordinal);
        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Contains("'momentun'", (string)trial.SystemAttrs[FrozenTrial.FailReasonKey]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_UnusedParameterAllowed_EvaluatesEveryPoint()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new GridSampler(new GridSamplerOptions { Grid = Values(("x", [1, 2]), ("unused", [0, 1])), RequireEveryParameter = false }),
        });

        study.Optimize(t => t.SuggestInt("x", 0, 9), UntilDone);

        Assert.Equal(4, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void Constructor_SearchSpace_ListsEveryIntCategoricalAndSteppedFloatValue()
    {
        var space = new SearchSpace()
            .Add("n", new IntDistribution(2, 8, step: 3))
            .Add("c", new CategoricalDistribution(["a", "b"]))
            .Add("f", new FloatDistribution(0, 1, step: 0.5))
            .Add("lr", new FloatDistribution(1e-3, 1, log: true));
        var sampler = new GridSampler(new GridSamplerOptions
        {
            SearchSpace = space,
            Grid = new Dictionary<string, IReadOnlyList<object?>> { ["lr"] = [0.01, 0.1] },
        });
        var study = Study.Create(new StudyOptions { Sampler = sampler });

        study.Optimize(t => space.Suggest(t).Count, UntilDone);

        Assert.Equal(3 * 2 * 3 * 2, sampler.Count);
        Assert.Equal(sampler.Count, study.Trials.Select(t => string.Join(",", t.Params.Values)).Distinct().Count());
        Assert.Equal([0.0, 0.5, 1.0], study.Trials.Select(t => (double)t.Params["f"]!).Distinct().Order());
    }

    [Fact]
    public void Optimize_ConditionalSearchSpace_VisitsEachActiveConfigurationOnce()
    {
        var space = new SearchSpace()
            .Add("branch", new CategoricalDistribution(["a", "b"]))
            .Add("xa", new FloatDistribution(0, 1, step: 0.5), new ParameterCondition("branch", ["a"]))
            .Add("nb", new IntDistribution(0, 1), new ParameterCondition("branch", ["b"]));
        var study = Study.Create(new StudyOptions { Sampler = new GridSampler(new GridSamplerOptions { SearchSpace = space }) });

        study.Optimize(t => space.Suggest(t).Count, UntilDone);

        Assert.Equal(
            ["branch=a;xa=0", "branch=a;xa=0.5", "branch=a;xa=1", "branch=b;nb=0", "branch=b;nb=1"],
            study.Trials.Select(t => string.Join(";", t.Params.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Fact]
    public void Constructor_FloatWithoutStepOrValues_ThrowsNamingIt()
    {
        var space = new SearchSpace().Add("n", new IntDistribution(0, 3)).Add("dropout", new FloatDistribution(0, 0.5));

        var error = Assert.Throws<ArgumentException>(() => new GridSampler(new GridSamplerOptions { SearchSpace = space }));

        Assert.Contains("'dropout'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GridSamplerOptions.Grid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_GridNameTheSearchSpaceLacks_ThrowsNamingIt()
    {
        var space = new SearchSpace().Add("n", new IntDistribution(0, 3));

        var error = Assert.Throws<ArgumentException>(() => new GridSampler(new GridSamplerOptions { SearchSpace = space, Grid = Values(("m", [1])) }));

        Assert.Contains("'m'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsNamingTheRule(GridSamplerOptions options, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new GridSampler(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<GridSamplerOptions, string> InvalidOptions() => new()
    {
        { new GridSamplerOptions(), "needs a Grid or a SearchSpace" },
        { new GridSamplerOptions { Grid = Values(("x", [])) }, "Grid['x'] must hold at least one value" },
        { new GridSamplerOptions { Grid = Values(("x", [1, 2, 1])) }, "holds 1 twice" },
        { new GridSamplerOptions { Grid = Values(("x", [new object()])) }, "Grid['x'] holds an unusable value" },
        { new GridSamplerOptions { Grid = Values() }, "names no parameter" },
        {
            new GridSamplerOptions { Grid = Values([.. Enumerable.Range(0, 8).Select(i => ($"p{i}", (IReadOnlyList<object?>)[.. Enumerable.Range(0, 10).Cast<object?>()]))]) },
            "more than 10,000,000 points"
        },
    };

    private static double XY(Trial trial) => trial.SuggestInt("x", 0, 100) + trial.SuggestCategorical("y", ["a", "b"]).Length;

    private static string Key(FrozenTrial trial) => $"{trial.Params["x"]}{trial.Params["y"]}";

    private static Dictionary<string, IReadOnlyList<object?>> Values(params (string Name, IReadOnlyList<object?> Values)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Values);

    private static GridSampler Grid(params (string Name, IReadOnlyList<object?> Values)[] entries) =>
        new(new GridSamplerOptions { Grid = Values(entries) });

    /// <summary>Every point id from 0 to count - 1 is held by exactly one complete trial, and no other trial completed.</summary>
    private static void AssertEachPointOnce(IReadOnlyList<FrozenTrial> trials, int count)
    {
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), complete.Select(t => (long)t.SystemAttrs[GridSampler.GridIdKey]!).Order());
        Assert.Equal(count, complete.Select(Key).Distinct().Count());

        // A process whose view of the claims lagged may end with one failed trial that took no point.
        Assert.All(trials.Where(t => t.State != TrialState.Complete), t =>
        {
            Assert.Equal(TrialState.Failed, t.State);
            Assert.False(t.SystemAttrs.ContainsKey(GridSampler.GridIdKey));
        });
    }
}

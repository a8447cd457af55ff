using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Samplers;

/// <summary>What every sampler must do; each sampler's tests derive from this class.</summary>
public abstract class SamplerContractTests
{
    /// <summary>How many trials the contract runs; enough to pass the start-up phase of model-based samplers.</summary>
    protected virtual int Trials => 40;

    /// <summary>Creates the sampler under test with a seed.</summary>
    protected abstract ISampler CreateSampler(int seed);

    [Fact]
    public void Optimize_EveryKindOfParameter_StaysInsideEachDistribution()
    {
        var study = Study.Create(new StudyOptions { Sampler = CreateSampler(1) });

        study.Optimize(MixedObjective, new OptimizeOptions { Trials = Trials, ShowProgress = false });

        Assert.Equal(Trials, study.GetTrials(TrialState.Complete).Count);
        foreach (var trial in study.Trials)
        {
            foreach (var (name, distribution, value) in trial.Params.Entries())
            {
                Assert.True(distribution.Contains(value), $"trial {trial.Number}: {name} = {value} is outside {distribution}");
            }
        }
    }

    [Fact]
    public void Optimize_SameSeedSequentially_GivesIdenticalTrials()
    {
        static IEnumerable<string> Run(ISampler sampler, int trials)
        {
            var study = Study.Create(new StudyOptions { Sampler = sampler });
            study.Optimize(MixedObjective, new OptimizeOptions { Trials = trials, ShowProgress = false });
            return study.Trials.Select(t => string.Join(";", t.InternalParams.Select(p => $"{p.Key}={p.Value:R}")));
        }

        Assert.Equal(Run(CreateSampler(7), Trials), Run(CreateSampler(7), Trials));
    }

    [Fact]
    public void Optimize_ConditionalSpace_SuggestsOnlyTheActiveBranch()
    {
        var study = Study.Create(new StudyOptions { Sampler = CreateSampler(2) });

        study.Optimize(
            t => t.SuggestCategorical("branch", ["a", "b"]) == "a"
                ? Math.Abs(t.SuggestFloat("xa", -1, 1))
                : t.SuggestInt("nb", 0, 5) + t.SuggestFloat("yb", 0, 1, log: false),
            new OptimizeOptions { Trials = Trials, ShowProgress = false });

        foreach (var trial in study.GetTrials(TrialState.Complete))
        {
            var expected = (string)trial.Params["branch"]! == "a" ? new[] { "branch", "xa" } : ["branch", "nb", "yb"];
            Assert.Equal(expected.Order(), trial.Params.Keys.Order());
        }
    }

    [Fact]
    public void Optimize_ParallelWorkers_RunsEveryTrialOnce()
    {
        var study = Study.Create(new StudyOptions { Sampler = CreateSampler(3) });

        study.Optimize(MixedObjective, new OptimizeOptions { Trials = Trials, Parallelism = 4, ShowProgress = false });

        Assert.Equal(Enumerable.Range(0, Trials), study.Trials.Select(t => t.Number));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_EnqueuedTrial_KeepsItsFixedValues()
    {
        var study = Study.Create(new StudyOptions { Sampler = CreateSampler(4) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["n"] = 3 });

        study.Optimize(MixedObjective, new OptimizeOptions { Trials = 3, ShowProgress = false });

        Assert.Equal(0.25, study.Trials[0].Params["x"]);
        Assert.Equal(3, study.Trials[0].Params["n"]);
    }

    [Fact]
    public void Optimize_SqliteStorage_ResumesWithANewSampler()
    {
        using var database = new TemporaryDatabase();
        var path = database.Path;
        using var storage = new SqliteStorage(path);
        var study = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = CreateSampler(5) });
        study.Optimize(MixedObjective, new OptimizeOptions { Trials = Trials / 2, ShowProgress = false });

        var resumed = Study.Load("s", storage, CreateSampler(6));
        resumed.Optimize(MixedObjective, new OptimizeOptions { Trials = Trials / 2, ShowProgress = false });

        Assert.Equal(2 * (Trials / 2), resumed.GetTrials(TrialState.Complete).Count);
    }

    /// <summary>A cheap objective over one parameter of every kind.</summary>
    protected static double MixedObjective(Trial trial)
    {
        var x = trial.SuggestFloat("x", -2, 2);
        var lr = trial.SuggestFloat("lr", 1e-4, 1, log: true);
        var q = trial.SuggestFloat("q", 0, 1, step: 0.25);
        var n = trial.SuggestInt("n", 0, 10);
        var units = trial.SuggestInt("units", 1, 512, log: true);
        var s = trial.SuggestInt("s", 2, 20, step: 3);
        var kind = trial.SuggestCategorical<object?>("kind", ["a", 1L, 2.5, true, null]);
        return (x * x) + Math.Abs(Math.Log10(lr) + 2) + q + Math.Abs(n - 3) + Math.Abs(Math.Log2(units) - 5) + s + (kind is "a" ? 0 : 1);
    }
}

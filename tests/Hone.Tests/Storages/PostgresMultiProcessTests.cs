using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Storages;

/// <summary>
/// Several processes on one PostgreSQL study, one of them killed mid-trial (SIGKILL: no cleanup). The processes run
/// Hone.TestWorker, which the test project builds and copies into testworker/ beside the tests.
/// </summary>
[Collection(PostgresCollection.Name)]
[RequiresEnvironment(PostgresTestDatabase.Variable, PostgresTestDatabase.HowTo)]
public sealed class PostgresMultiProcessTests(PostgresTestDatabase database) : IDisposable
{
    private readonly List<WorkerProcess> _workers = [];

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }

    [Fact]
    public void Optimize_ThreeProcessesOneKilledMidTrial_KeepAllOtherTrialsWithDenseNumbers()
    {
        var url = $"{database.Url}?schema={database.NewSchema()}";
        var doomed = Start(url, "shared", 1000, seed: 3, hangAfter: 20);
        var workers = new[] { Start(url, "shared", 100, seed: 1), Start(url, "shared", 100, seed: 2) };
        var hanging = doomed.WaitForLine("hanging ");

        doomed.Kill();
        foreach (var worker in workers)
        {
            worker.WaitForExit();
            Assert.True(worker.ExitCode == 0, $"worker exited with {worker.ExitCode}: {worker.Errors}");
            Assert.Equal(string.Empty, worker.Errors);
        }

        using var storage = Storage.Open(url);
        var study = Assert.Single(storage.GetAllStudies());
        var trials = storage.GetAllTrials(study.Id);
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        var byProcess = trials.Where(t => t.State == TrialState.Complete).GroupBy(t => Convert.ToInt32(t.UserAttrs["pid"], CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(workers, w => Assert.Equal(100, byProcess[w.ProcessId].Count));

        // The killed process's trials: complete ones kept whole, the one it hung in left running, nothing else.
        Assert.Equal(20, byProcess[doomed.ProcessId].Count);
        Assert.Equal(TrialState.Running, Assert.Single(trials, t => t.State != TrialState.Complete).State);
        Assert.Null(trials[hanging].Values);
        Assert.Equal(TrialState.Running, trials[hanging].State);
        Assert.Equal(200 + 20 + 1, trials.Count);
        Assert.All(trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal(3, t.Params.Count));

        // Another process resumes the study: numbering goes on after the interrupted trial.
        Study.Load("shared", storage, new RandomSampler(4)).Optimize(t => t.SuggestFloat("x", -10, 10), new OptimizeOptions { Trials = 3, ShowProgress = false });
        Assert.Equal(Enumerable.Range(0, trials.Count + 3), storage.GetAllTrials(study.Id).Select(t => t.Number));
    }

    private WorkerProcess Start(string url, string study, int trials, int seed = 0, int? hangAfter = null)
    {
        var worker = new WorkerProcess(url, study, trials, TimeSpan.Zero, seed, hangAfter);
        _workers.Add(worker);
        return worker;
    }
}

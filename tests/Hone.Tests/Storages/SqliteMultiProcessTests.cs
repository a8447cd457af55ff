using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;
using Microsoft.Data.Sqlite;

namespace Hone.Tests.Storages;

/// <summary>
/// Several processes on one SQLite file, and processes killed mid-trial. The processes run Hone.TestWorker, which the
/// test project builds and copies into testworker/ beside the tests.
/// </summary>
public sealed class SqliteMultiProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hone-processes-").FullName;
    private readonly List<WorkerProcess> _workers = [];

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Optimize_TwoProcessesOnANewFile_KeepAllTrialsWithUniqueNumbers()
    {
        var path = Path.Combine(_directory, "shared.db");

        var workers = new[] { Start(path, "shared", 300, seed: 1), Start(path, "shared", 300, seed: 2) };
        foreach (var worker in workers)
        {
            worker.WaitForExit();
        }

        foreach (var worker in workers)
        {
            // A "database is locked" reaching a worker would fail its Optimize and end it with an error.
            Assert.True(worker.ExitCode == 0, $"worker exited with {worker.ExitCode}: {worker.Errors}");
            Assert.Equal(string.Empty, worker.Errors);
        }

        using var storage = new SqliteStorage(path);
        var study = Assert.Single(storage.GetAllStudies());
        var trials = storage.GetAllTrials(study.Id);
        Assert.Equal(Enumerable.Range(0, 600), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(600, trials.Select(t => t.Id).Distinct().Count());
        Assert.Equal(
            workers.Select(w => (w.ProcessId, 300)).Order(),
            trials.GroupBy(t => Convert.ToInt32(t.UserAttrs["pid"], CultureInfo.InvariantCulture)).Select(g => (g.Key, g.Count())).Order());
    }

    [Fact]
    public void Kill_WhileATrialRuns_KeepsCompletedTrialsAndLetsAnotherProcessResume()
    {
        var path = Path.Combine(_directory, "crash.db");
        var worker = Start(path, "crash", 1000, sleep: TimeSpan.FromMilliseconds(20), seed: 3, hangAfter: 5);
        var running = worker.WaitForLine("hanging ");
        using var observer = new SqliteStorage(path);
        var studyId = observer.GetStudy("crash").Id;
        var before = observer.GetAllTrials(studyId);
        var completeBefore = before.Where(t => t.State == TrialState.Complete).ToList();

        worker.Kill();

        Assert.Equal(5, completeBefore.Count);
        using var reopened = new SqliteStorage(path);
        var after = reopened.GetAllTrials(studyId);
        Assert.Equal(completeBefore.Select(TrialText.Describe), after.Take(5).Select(TrialText.Describe));
        Assert.All(completeBefore, t => Assert.Equal(3, t.Params.Count));
        var interrupted = after[running];
        Assert.Equal(TrialState.Running, interrupted.State);
        Assert.Null(interrupted.Values);
        Assert.Null(interrupted.Completed);
        Assert.Equal(running + 1, after.Count);

        var study = Study.Load("crash", reopened, new RandomSampler(4));
        study.Optimize(t => t.SuggestFloat("x", -10, 10), new OptimizeOptions { Trials = 5, ShowProgress = false });

        var resumed = reopened.GetAllTrials(studyId);
        Assert.Equal(Enumerable.Range(0, running + 6), resumed.Select(t => t.Number));
        Assert.Equal(TrialState.Running, resumed[running].State);
        Assert.All(resumed.Skip(running + 1), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(completeBefore.Select(TrialText.Describe), resumed.Take(5).Select(TrialText.Describe));
    }

    [Fact]
    public void Kill_AtAnyMomentOfABusyWorker_LeavesAConsistentFile()
    {
        var path = Path.Combine(_directory, "busy.db");
        var worker = Start(path, "busy", 1_000_000, seed: 5);
        worker.WaitForLine("complete 50");
        using var observer = new SqliteStorage(path);
        var studyId = observer.GetStudy("busy").Id;
        var completeBefore = observer.GetAllTrials(studyId, [TrialState.Complete]);

        // Killed while it commits one trial after another, most likely inside a transaction.
        worker.Kill();

        // First read-only, as `hone` inspecting the file would: committed trials may still be only in the write-ahead log.
        using (var readOnly = Storage.Open($"sqlite:///{path}?mode=ro"))
        {
            var read = readOnly.GetAllTrials(studyId).ToDictionary(t => t.Id);
            Assert.All(completeBefore, t => Assert.Equal(TrialText.Describe(t), TrialText.Describe(read[t.Id])));
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", command.ExecuteScalar());
        }

        using var reopened = new SqliteStorage(path);
        var after = reopened.GetAllTrials(studyId);
        Assert.Equal(Enumerable.Range(0, after.Count), after.Select(t => t.Number));
        var afterById = after.ToDictionary(t => t.Id);
        Assert.All(completeBefore, t => Assert.Equal(TrialText.Describe(t), TrialText.Describe(afterById[t.Id])));
        Assert.InRange(after.Count(t => t.State == TrialState.Running), 0, 1);
        Assert.All(after, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Running }));

        Study.Load("busy", reopened).Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 3, ShowProgress = false });
        Assert.Equal(Enumerable.Range(0, after.Count + 3), reopened.GetAllTrials(studyId).Select(t => t.Number));
    }

    private WorkerProcess Start(string path, string study, int trials, TimeSpan sleep = default, int seed = 0, int? hangAfter = null)
    {
        var worker = new WorkerProcess(path, study, trials, sleep, seed, hangAfter);
        _workers.Add(worker);
        return worker;
    }
}

using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.Storages;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Studies;

/// <summary>
/// Worker processes (Hone.TestWorker) on one study: many at once, and some killed with SIGKILL. Each storage that
/// processes share derives a class that says where a fresh study lives.
/// </summary>
public abstract class WorkerReliabilityTests : IDisposable
{
    /// <summary>Heartbeats every 500 ms; silent for 5 s is dead (a loaded test machine can stall a live worker for a second or two).</summary>
    private static readonly HeartbeatOptions FastBeats = new() { Interval = TimeSpan.FromMilliseconds(500), GracePeriod = TimeSpan.FromSeconds(5) };

    private readonly List<WorkerProcess> _workers = [];

    /// <summary>A storage no test used before: a SQLite path or a URL.</summary>
    protected abstract string NewStorage();

    /// <summary>Opens a storage from <see cref="NewStorage"/> in this process.</summary>
    protected abstract IStorage Open(string storage);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var worker in _workers)
            {
                worker.Dispose();
            }
        }
    }

    [Fact]
    public void Optimize_EightWorkerProcessesSharingATotal_RunExactlyItWithEveryResultStored()
    {
        const int Total = 2000;
        var storage = NewStorage();
        var environment = new Dictionary<string, string> { ["HONE_TESTWORKER_TOTAL"] = "2000", ["HONE_TESTWORKER_FAST"] = "1" };

        // Each may run up to 400 trials: only the study-wide total stops them at 2000 together (about 250 each).
        var workers = Enumerable.Range(0, 8).Select(i => Start(storage, 400, TimeSpan.Zero, seed: i, environment: environment)).ToList();
        var printed = new List<int>();
        foreach (var worker in workers)
        {
            worker.WaitForExit();
            Assert.True(worker.ExitCode == 0, $"worker exited with {worker.ExitCode}: {worker.Errors}");
            Assert.Equal(string.Empty, worker.Errors);
            printed.AddRange(worker.RemainingLines().Where(l => l.StartsWith("complete ", StringComparison.Ordinal)).Select(l => int.Parse(l[9..], CultureInfo.InvariantCulture)));
        }

        using var store = Open(storage);
        var trials = store.GetAllTrials(store.GetStudy("study").Id);
        Assert.Equal(Enumerable.Range(0, Total), trials.Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, Total), printed.Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(Math.Pow((double)t.Params["x"]!, 2) + (int)t.Params["n"]! + ((string)t.Params["kind"]! == "a" ? 0 : 1), t.Value, 9));
        Assert.Equal(8, trials.Select(t => t.UserAttrs["pid"]).Distinct().Count());
    }

    [Fact]
    public void Kill_WorkersAtRandomMoments_TheirTrialsFailAfterTheGracePeriodAndAreRetried()
    {
        const int Total = 240;
        var storage = NewStorage();
        var environment = new Dictionary<string, string>
        {
            ["HONE_TESTWORKER_TOTAL"] = Total.ToString(CultureInfo.InvariantCulture),
            ["HONE_TESTWORKER_HEARTBEAT"] = "500,5000",
            ["HONE_TESTWORKER_FAST"] = "1",
        };
        var workers = Enumerable.Range(0, 6).Select(i => Start(storage, 1_000_000, TimeSpan.FromMilliseconds(20), seed: i, environment: environment)).ToList();
        var random = new Random(42);

        // Three workers are killed once each has finished a random number of trials: mostly in the middle of one.
        foreach (var doomed in workers.Take(3))
        {
            doomed.WaitForLines("complete ", random.Next(3, 15));
            doomed.Kill();
        }

        var killed = DateTimeOffset.UtcNow;
        using var store = Open(storage);
        var studyId = store.GetStudy("study").Id;
        var completeAtKill = store.GetAllTrials(studyId, [TrialState.Complete]).Select(TrialText.Describe).ToList();
        foreach (var survivor in workers.Skip(3))
        {
            survivor.WaitForExit();
            Assert.True(survivor.ExitCode == 0, $"worker exited with {survivor.ExitCode}: {survivor.Errors}");
            Assert.Equal(string.Empty, survivor.Errors);
        }

        // The survivors may have ended before the dead workers' trials went stale: one more worker, started once the grace
        // period has surely passed, fails and retries what is left.
        var wait = killed + FastBeats.GracePeriod + TimeSpan.FromMilliseconds(500) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            Thread.Sleep(wait);
        }

        var finisher = Study.Create(new StudyOptions
        {
            Name = "study",
            Storage = store,
            LoadIfExists = true,
            Sampler = new RandomSampler(9),
            Heartbeat = FastBeats,
            Retry = new RetryPolicy(),
        });
        finisher.Optimize(
            t => Math.Pow(t.SuggestFloat("x", -10, 10), 2) + t.SuggestInt("n", 1, 100, log: true) + (t.SuggestCategorical("kind", ["a", "b", "c"]) == "a" ? 0 : 1),
            new OptimizeOptions { TotalTrials = Total, ShowProgress = false });

        var trials = store.GetAllTrials(studyId);
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        var retries = trials.Where(t => t.RetryOf is not null).ToDictionary(t => t.RetryOf!.Value);
        var failed = trials.Where(t => t.State != TrialState.Complete).ToList();
        foreach (var trial in failed)
        {
            Assert.Equal(TrialState.Failed, trial.State);
            Assert.StartsWith("stale: its worker sent no heartbeat for 5 s", (string)trial.SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
            Assert.True(trial.Completed >= trial.Started + FastBeats.GracePeriod, $"trial {trial.Number} failed before its grace period ran out");
            var retry = retries[trial.Number];
            Assert.Equal(TrialState.Complete, retry.State);
            Assert.Equal(2, retry.Attempt);
            if (trial.Params.Count > 0)
            {
                Assert.Equal(trial.Params.OrderBy(p => p.Key), retry.Params.OrderBy(p => p.Key));
            }
        }

        // No completed trial lost, none run twice, exactly the total: the trials that count (all but the failed ones their
        // retries replaced) are complete and number the total, and no complete trial was retried.
        Assert.Equal(Total, trials.Count - retries.Count);
        Assert.Equal(retries.Keys.Order(), failed.Select(t => t.Number));
        Assert.Equal(Total, trials.Count(t => t.State == TrialState.Complete));
        var stored = trials.Select(TrialText.Describe).ToHashSet();
        Assert.All(completeAtKill, t => Assert.Contains(t, stored));
    }

    /// <summary>Starts a worker on the study <c>study</c> of <paramref name="storage"/>.</summary>
    private protected WorkerProcess Start(string storage, int trials, TimeSpan sleep, int seed, IReadOnlyDictionary<string, string>? environment = null)
    {
        var worker = new WorkerProcess(storage, "study", trials, sleep, seed, null, environment);
        _workers.Add(worker);
        return worker;
    }
}

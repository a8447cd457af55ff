using System.Collections.Concurrent;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Tests.Studies;

/// <summary>Several workers on one study: heartbeats, stale trials, retries and the study-wide trial budget.</summary>
public sealed class StudyWorkersTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HeartbeatOptions Beats = new() { Interval = TimeSpan.FromMinutes(1), GracePeriod = TimeSpan.FromMinutes(3) };

    [Fact]
    public void Ask_TrialOfASilentWorker_IsFailedAsStaleAndRetriedWithItsParameters()
    {
        var storage = new InMemoryStorage();
        var (deadClock, liveClock) = (new FakeTimeProvider(T0), new FakeTimeProvider(T0));
        var failures = new ConcurrentBag<OnTrialFailedArguments>();
        var retries = new ConcurrentBag<OnTrialRetriedArguments>();
        var dead = Worker(storage, deadClock);
        var live = Worker(storage, liveClock, failures.Add, retries.Add);
        var lost = dead.Ask();
        var x = lost.SuggestFloat("x", 0, 1);
        lost.Report(x, 0);

        // The dead worker's clock never moves, so its trial gets no heartbeat after the first.
        liveClock.Advance(TimeSpan.FromMinutes(4));
        var retry = live.Ask();

        var failed = storage.GetTrial(lost.Id);
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.StartsWith("stale: its worker sent no heartbeat for 180 s", (string)failed.SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        Assert.Equal(liveClock.GetUtcNow(), failed.Completed);
        var failure = Assert.Single(failures);
        Assert.Equal((lost.Number, TrialFailureKind.Stale), (failure.Trial.Number, failure.Kind));
        var retried = Assert.Single(retries);
        Assert.Equal(retry.Number, retried.Retry.Number);
        Assert.Equal(x, retry.SuggestFloat("x", 0, 1));
        Assert.Equal(x, retry.FixedParams["x"]);
        var stored = storage.GetTrial(retry.Id);
        Assert.Equal(lost.Number, stored.RetryOf);
        Assert.Equal(2, stored.Attempt);
        Assert.Equal(1, failed.Attempt);
        Assert.Throws<TrialAlreadyFinishedException>(() => dead.Tell(lost, 1.0));
    }

    [Fact]
    public void Heartbeat_WhileTheObjectiveRuns_KeepsTheTrialAliveAndWritesItsParameters()
    {
        var storage = new InMemoryStorage();
        var clock = new FakeTimeProvider(T0);
        var worker = Worker(storage, clock);
        var other = Worker(storage, clock);
        var trial = worker.Ask();
        trial.SuggestFloat("x", 0, 1);
        trial.SuggestInt("n", 1, 9);

        for (var minute = 0; minute < 10; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        other.FailStaleTrials();
        var running = storage.GetTrial(trial.Id);
        Assert.Equal(TrialState.Running, running.State);
        Assert.Equal(trial.Params.Keys, running.Params.Keys);
        Assert.Equal(TrialState.Complete, worker.Tell(trial, 0.5).State);
        Assert.Equal(trial.Params.Keys, storage.GetTrial(trial.Id).Params.Keys);

        // A told trial beats no more: later sweeps leave it alone and nothing is written.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(other.FailStaleTrials());
    }

    [Fact]
    public void Heartbeat_TrialDroppedUnfinishedWithItsStudy_StopsSoTheTrialGoesStale()
    {
        var storage = new InMemoryStorage();
        var clock = new FakeTimeProvider(T0);
        var trialId = AskAndDrop(storage, clock);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // A live timer would beat at each of these minutes and keep the trial fresh.
        for (var minute = 0; minute < 5; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var failed = Worker(storage, clock).FailStaleTrials();

        Assert.Equal(trialId, Assert.Single(failed).Id);
    }

    [Fact]
    public void Heartbeat_TrialFailedAsStaleElsewhere_StopsAtItsNextBeatAndTellReportsItFinished()
    {
        var storage = new InMemoryStorage();
        var (clock, aheadClock) = (new FakeTimeProvider(T0), new FakeTimeProvider(T0 + TimeSpan.FromMinutes(5)));
        var worker = Worker(storage, clock);
        var trial = worker.Ask();
        Assert.Single(Worker(storage, aheadClock).FailStaleTrials());

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(worker.GetTrials(TrialState.Running));
        Assert.Throws<TrialAlreadyFinishedException>(() => worker.Tell(trial.Number, 1.0));
        Assert.Throws<TrialAlreadyFinishedException>(() => worker.Tell(trial, 1.0));
    }

    [Fact]
    public void Optimize_TrialFailedAsStaleByAnotherWorker_DropsItsResultAndGoesOn()
    {
        var storage = new InMemoryStorage();
        var (slowClock, fastClock) = (new FakeTimeProvider(T0), new FakeTimeProvider(T0));
        var slow = Worker(storage, slowClock);
        var fast = Worker(storage, fastClock);
        var calls = 0;

        slow.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                if (Interlocked.Increment(ref calls) == 1)
                {
                    t.Report(x, 0);
                    // While the first trial runs, another worker whose clock ran ahead takes it for dead.
                    fastClock.Advance(TimeSpan.FromMinutes(5));
                    fast.FailStaleTrials();
                }

                return x;
            },
            new OptimizeOptions { Trials = 3, ShowProgress = false });

        var trials = storage.GetAllTrials(slow.Id);
        Assert.Equal([TrialState.Failed, TrialState.Complete, TrialState.Complete], trials.Select(t => t.State));
        Assert.Equal(0, trials[1].RetryOf);
        Assert.Equal(trials[0].Params["x"], trials[1].Params["x"]);
    }

    [Fact]
    public void Optimize_RetryPolicyForErrors_RetriesEachFailureUpToMaxRetriesWithTheSameParameters()
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions
        {
            Storage = storage,
            Sampler = new RandomSampler(1),
            Retry = new RetryPolicy { MaxRetries = 1, ShouldRetry = _ => true },
        });

        study.Optimize(
            t => t.SuggestFloat("x", 0, 1) > 2 ? 0 : throw new InvalidOperationException("flaky"),
            new OptimizeOptions { Trials = 4, Catch = [typeof(InvalidOperationException)], ShowProgress = false });

        var trials = study.Trials;
        Assert.Equal([null, 0, null, 2], trials.Select(t => t.RetryOf));
        Assert.Equal([1, 2, 1, 2], trials.Select(t => t.Attempt));
        Assert.Equal(trials[0].Params["x"], trials[1].Params["x"]);
        Assert.Equal(trials[2].Params["x"], trials[3].Params["x"]);
        Assert.All(trials, t => Assert.Equal(TrialState.Failed, t.State));
    }

    [Fact]
    public void Optimize_DefaultRetryPolicy_DoesNotRetryErrors()
    {
        var study = Study.Create(new StudyOptions { Retry = new RetryPolicy(), Heartbeat = Beats });

        study.Optimize(_ => double.NaN, new OptimizeOptions { Trials = 3, ShowProgress = false });

        Assert.All(study.Trials, t => Assert.Null(t.RetryOf));
        Assert.Equal(3, study.Trials.Count);
    }

    [Fact]
    public void Optimize_TotalTrialsSharedByTwoStudyObjects_RunsExactlyTheTotal()
    {
        var storage = new InMemoryStorage();
        var a = Study.Create(new StudyOptions { Name = "shared", Storage = storage, Sampler = new RandomSampler(1) });
        var b = Study.Create(new StudyOptions { Name = "shared", Storage = storage, Sampler = new RandomSampler(2), LoadIfExists = true });
        var options = new OptimizeOptions { TotalTrials = 37, Parallelism = 4, ShowProgress = false };

        Parallel.Invoke(() => a.Optimize(t => t.SuggestFloat("x", 0, 1), options), () => b.Optimize(t => t.SuggestFloat("x", 0, 1), options));
        a.Optimize(t => t.SuggestFloat("x", 0, 1), options);

        Assert.Equal(37, a.Trials.Count);
        Assert.All(a.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_TotalTrialsWithRetries_CountsRetriesInsteadOfTheTrialsTheyReplace()
    {
        var study = Study.Create(new StudyOptions { Retry = new RetryPolicy { ShouldRetry = _ => true } });

        study.Optimize(
            t =>
            {
                // Every first attempt fails; its retry completes.
                var x = t.SuggestFloat("x", 0, 1);
                return t.SystemAttrs.ContainsKey("retry:attempt") ? x : double.NaN;
            },
            new OptimizeOptions { TotalTrials = 4, ShowProgress = false });

        var trials = study.Trials;
        Assert.Equal(8, trials.Count);
        Assert.Equal(4, trials.Count(t => t.State == TrialState.Complete));
        Assert.All(trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal(2, t.Attempt));
    }

    [Fact]
    public void TryAsk_FullStudy_ReturnsNullButStillStartsWaitingTrials()
    {
        var study = Study.Create();
        study.Tell(study.Ask(), 1.0);

        Assert.Null(study.TryAsk(1));
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });
        var queued = study.TryAsk(1);

        Assert.NotNull(queued);
        Assert.Equal(0.5, queued.FixedParams["x"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => study.TryAsk(-1));
    }

    [Fact]
    public void Retry_FailedTrial_QueuesItOnceAndOnlyForFailedTrials()
    {
        var study = Study.Create();
        var trial = study.Ask();
        trial.SuggestInt("n", 0, 9);
        study.Tell(trial, TrialState.Failed, "interrupted");
        var done = study.Ask();
        study.Tell(done, 1.0);

        var retry = study.Retry(trial.Number);
        var again = study.Retry(trial.Number);

        Assert.NotNull(retry);
        Assert.Equal((TrialState.Waiting, 0, 2), (retry.State, retry.RetryOf, retry.Attempt));
        Assert.Null(again);
        Assert.Throws<ArgumentException>(() => study.Retry(done.Number));
        Assert.Throws<TrialNotFoundException>(() => study.Retry(99));
    }

    [Fact]
    public void Create_InvalidHeartbeatOrRetry_ThrowsNamingTheValues()
    {
        var beat = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions
        {
            Heartbeat = new HeartbeatOptions { Interval = TimeSpan.FromSeconds(30), GracePeriod = TimeSpan.FromSeconds(30) },
        }));
        var retry = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Retry = new RetryPolicy { MaxRetries = -1 } }));
        var total = Assert.Throws<ArgumentException>(() => Study.Create().Optimize(_ => 0, new OptimizeOptions { TotalTrials = -1 }));

        Assert.Contains("Interval=00:00:30 and GracePeriod=00:00:30", beat.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries=-1", retry.Message, StringComparison.Ordinal);
        Assert.Contains("TotalTrials must be >= 0, but got -1", total.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_WithoutHeartbeats_NeverFailsRunningTrials()
    {
        var storage = new InMemoryStorage();
        var clock = new FakeTimeProvider(T0);
        var plain = Study.Create(new StudyOptions { Name = "s", Storage = storage, TimeProvider = clock });
        var running = plain.Ask();
        var worker = Worker(storage, clock);

        clock.Advance(TimeSpan.FromDays(1));
        worker.Ask();

        Assert.Equal(TrialState.Running, storage.GetTrial(running.Id).State);
    }

    /// <summary>Asks a trial of a new worker and keeps no reference to either, as a caller that forgot them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long AskAndDrop(IStorage storage, TimeProvider clock) => Worker(storage, clock).Ask().Id;

    private static Study Worker(
        IStorage storage,
        TimeProvider clock,
        Action<OnTrialFailedArguments>? onFailed = null,
        Action<OnTrialRetriedArguments>? onRetried = null) =>
        Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = storage,
            LoadIfExists = true,
            Sampler = new RandomSampler(7),
            TimeProvider = clock,
            Heartbeat = Beats,
            Retry = new RetryPolicy(),
            OnTrialFailed = onFailed,
            OnTrialRetried = onRetried,
        });
}

using System.Collections.Concurrent;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Storages;

/// <content>The contract of the members that parallel workers rely on: the study-wide trial limit, heartbeats and stale trials.</content>
public abstract partial class StorageContractTests
{
    private static readonly TrialUpdate StaleUpdate = new()
    {
        State = TrialState.Failed,
        Completed = At(100),
        SystemAttrs = [KeyValuePair.Create<string, object?>("fail_reason", "stale")],
    };

    [Fact]
    public void TryStartTrial_Limit_CreatesUpToItButStillStartsWaitingTrials()
    {
        var storage = Open();
        var id = storage.CreateStudy("limit", [StudyDirection.Minimize], T0);
        var started = Enumerable.Range(0, 3).Select(_ => storage.TryStartTrial(id, T0, 3, heartbeat: false)).ToList();
        var full = storage.TryStartTrial(id, At(2), 3, heartbeat: false);
        var waiting = storage.CreateTrial(id, TrialState.Waiting, FixedParam(7), At(1));

        var fromQueue = Another(storage).TryStartTrial(id, At(3), 1, heartbeat: false);
        var after = storage.TryStartTrial(id, At(4), 4, heartbeat: false);

        Assert.Equal([0, 1, 2], started.Select(t => t!.Number));
        Assert.All(started, t => Assert.Equal(TrialState.Running, t!.State));
        Assert.Null(full);
        Assert.NotNull(fromQueue);
        Assert.Equal(waiting.Number, fromQueue.Number);
        Assert.Equal(7, fromQueue.InternalParams["x"]);
        Assert.Equal(At(3), fromQueue.Started);
        Assert.Null(after);
        Assert.Equal(4, storage.GetAllTrials(id).Count);
    }

    [Fact]
    public void TryStartTrial_TrialsReplacedByRetryClaims_DoNotCount()
    {
        var storage = Open();
        var id = storage.CreateStudy("retries", [StudyDirection.Minimize], T0);
        storage.TryStartTrial(id, T0, 2, heartbeat: false);
        storage.TryStartTrial(id, T0, 2, heartbeat: false);
        Assert.Null(storage.TryStartTrial(id, T0, 2, heartbeat: false));

        Assert.True(storage.TryClaim(id, "retry:0"));
        Assert.True(storage.TryClaim(id, "grid:0"));
        var third = Another(storage).TryStartTrial(id, At(1), 2, heartbeat: false);

        Assert.Equal(2, third?.Number);
        Assert.Null(storage.TryStartTrial(id, At(1), 2, heartbeat: false));
        Assert.Throws<StudyNotFoundException>(() => storage.TryStartTrial(id + 1000, T0, 2, heartbeat: false));
    }

    [Fact]
    public void TryCreateTrial_SameKeyTwice_CreatesTheTrialOnceWithItsClaim()
    {
        var storage = Open();
        var id = storage.CreateStudy("once", [StudyDirection.Minimize], T0);
        var initial = FixedParam(6) with { SystemAttrs = [KeyValuePair.Create<string, object?>("retry:of", 0L)] };

        var created = storage.TryCreateTrial(id, "retry:0", TrialState.Waiting, initial, At(1));
        var again = Another(storage).TryCreateTrial(id, "retry:0", TrialState.Waiting, initial, At(2));
        var running = storage.TryCreateTrial(id, "other", TrialState.Running, FixedParam(2), At(3));

        Assert.NotNull(created);
        Assert.Equal(0, created.Number);
        Assert.Equal(TrialState.Waiting, created.State);
        Assert.Null(created.Started);
        Assert.Equal(6, created.InternalParams["x"]);
        Assert.Equal(0L, created.SystemAttrs["retry:of"]);
        Assert.Null(again);
        Assert.Equal(1, running?.Number);
        Assert.Equal(At(3), running?.Started);
        Assert.Equal(["other", "retry:0"], storage.GetClaims(id).Order(StringComparer.Ordinal));
        Assert.Equal([TrialText.Describe(created), TrialText.Describe(running!)], Another(storage).GetAllTrials(id).Select(TrialText.Describe));
        Assert.Throws<StudyNotFoundException>(() => storage.TryCreateTrial(id + 1000, "retry:0", TrialState.Waiting, initial, T0));
    }

    [Fact]
    public void TryCreateTrial_RetryOfAFullStudysTrial_LeavesTheCountAtTheLimit()
    {
        var storage = Open();
        var id = storage.CreateStudy("full", [StudyDirection.Minimize], T0);
        storage.TryStartTrial(id, T0, 2, heartbeat: false);
        storage.TryStartTrial(id, T0, 2, heartbeat: false);

        var retry = storage.TryCreateTrial(id, "retry:1", TrialState.Waiting, FixedParam(4), At(1));
        var fromQueue = Another(storage).TryStartTrial(id, At(2), 2, heartbeat: false);
        var beyond = storage.TryStartTrial(id, At(3), 2, heartbeat: false);

        Assert.Equal(retry?.Id, fromQueue?.Id);
        Assert.Null(beyond);
        Assert.Equal(3, storage.GetAllTrials(id).Count);
    }

    [Fact]
    public void TryCreateTrial_RetriesRacingStarters_NoStarterPassesTheLimit()
    {
        const int Limit = 24;
        const int Creators = 4;
        var storage = Open();
        var id = storage.CreateStudy("retry-race", [StudyDirection.Minimize], T0);
        for (var i = 0; i < Limit; i++)
        {
            storage.TryStartTrial(id, T0, Limit, heartbeat: false);
        }

        var handles = new[] { storage, Another(storage) };
        var created = new ConcurrentBag<FrozenTrial>();
        var started = new ConcurrentBag<FrozenTrial>();
        var creating = Creators;
        using var barrier = new Barrier(2 * Creators);

        // Creators race for the same retry keys while starters keep asking for a trial within the limit: a starter that saw
        // a claim without its trial would create one trial too many.
        var threads = Enumerable.Range(0, 2 * Creators).Select(t => new Thread(() =>
        {
            var handle = handles[t % 2];
            barrier.SignalAndWait();
            if (t < Creators)
            {
                for (var k = 0; k < Limit; k++)
                {
                    var number = (k + (t * 7)) % Limit;
                    if (handle.TryCreateTrial(id, "retry:" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), TrialState.Waiting, FixedParam(number % 10), At(1)) is { } trial)
                    {
                        created.Add(trial);
                    }
                }

                Interlocked.Decrement(ref creating);
                return;
            }

            while (Volatile.Read(ref creating) > 0)
            {
                if (handle.TryStartTrial(id, At(2), Limit, heartbeat: false) is { } trial)
                {
                    started.Add(trial);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        while (storage.TryStartTrial(id, At(3), Limit, heartbeat: false) is { } trial)
        {
            started.Add(trial);
        }

        Assert.Equal(Limit, created.Count);
        Assert.Equal(Enumerable.Range(Limit, Limit), created.Select(t => t.Number).Order());
        Assert.Equal(created.Select(t => t.Id).Order(), started.Select(t => t.Id).Order());
        Assert.Equal(2 * Limit, storage.GetAllTrials(id).Count);
    }

    [Fact]
    public void TryStartTrial_ConcurrentThreads_NeverPassTheLimit()
    {
        const int Threads = 8;
        const int Limit = 60;
        var storage = Open();
        var id = storage.CreateStudy("race", [StudyDirection.Minimize], T0);
        var handles = new[] { storage, Another(storage) };
        var started = new ConcurrentBag<FrozenTrial>();
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            while (handles[t % 2].TryStartTrial(id, At(1), Limit, heartbeat: true) is { } trial)
            {
                started.Add(trial);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Enumerable.Range(0, Limit), started.Select(t => t.Number).Order());
        Assert.Equal(Limit, storage.GetAllTrials(id).Count);
    }

    [Fact]
    public void FailStaleTrials_OldHeartbeats_FailOnlyThoseRunningTrialsAndOnlyOnce()
    {
        var storage = Open();
        var id = storage.CreateStudy("stale", [StudyDirection.Minimize], T0);
        var silent = storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        var beating = storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        var without = storage.StartTrial(id, T0);
        var done = storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        storage.UpdateTrial(done.Id, new TrialUpdate { State = TrialState.Complete, Values = [1], Completed = At(1) });
        storage.UpdateTrial(silent.Id, new TrialUpdate { Params = [("x", ModelParam, 4)], UserAttrs = [KeyValuePair.Create<string, object?>("u", "kept")] });
        Assert.True(storage.RecordHeartbeat(beating.Id, At(50)));

        var failed = Another(storage).FailStaleTrials(id, At(40), StaleUpdate);
        var again = storage.FailStaleTrials(id, At(40), StaleUpdate);

        var trial = Assert.Single(failed);
        Assert.Equal(silent.Number, trial.Number);
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal(At(100), trial.Completed);
        Assert.Equal("stale", trial.SystemAttrs["fail_reason"]);
        Assert.Equal(4, trial.InternalParams["x"]);
        Assert.Equal("kept", trial.UserAttrs["u"]);
        Assert.Empty(again);
        Assert.Equal(TrialText.Describe(trial), TrialText.Describe(storage.GetTrial(silent.Id)));
        Assert.Equal(
            [TrialState.Failed, TrialState.Running, TrialState.Running, TrialState.Complete],
            storage.GetAllTrials(id).Select(t => t.State));
        Assert.Contains(storage.GetFinishedTrials(id, 0), t => t.Id == silent.Id);
        Assert.False(storage.RecordHeartbeat(silent.Id, At(60)));
        Assert.False(storage.RecordHeartbeat(done.Id, At(60)));

        // A trial that never had a heartbeat is never stale; a beating one is once its beats stop long enough.
        var later = storage.FailStaleTrials(id, At(1000), StaleUpdate);
        Assert.Equal([beating.Number], later.Select(t => t.Number));
        Assert.Equal(TrialState.Running, storage.GetTrial(without.Id).State);
    }

    [Fact]
    public void RecordHeartbeat_ChangesNoRecordReadersSee()
    {
        var storage = Open();
        var id = storage.CreateStudy("beats", [StudyDirection.Minimize], T0);
        var trial = storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        var before = storage.GetAllTrials(id).Select(TrialText.Describe).ToList();
        var finishedBefore = storage.GetFinishedTrials(id, 0).Count;

        Assert.True(Another(storage).RecordHeartbeat(trial.Id, At(5)));

        Assert.Equal(before, storage.GetAllTrials(id).Select(TrialText.Describe));
        Assert.Equal(finishedBefore, storage.GetFinishedTrials(id, 0).Count);
        Assert.Empty(storage.FailStaleTrials(id, At(4), StaleUpdate));
        Assert.Single(storage.FailStaleTrials(id, At(6), StaleUpdate));
    }

    [Fact]
    public void StartTrial_WaitingTrialWithHeartbeat_BecomesStaleWhenItsWorkerStops()
    {
        var storage = Open();
        var id = storage.CreateStudy("queued", [StudyDirection.Minimize], T0);
        storage.CreateTrial(id, TrialState.Waiting, FixedParam(3), T0);

        var started = storage.TryStartTrial(id, At(1), int.MaxValue, heartbeat: true)!;
        var failed = storage.FailStaleTrials(id, At(2), StaleUpdate);

        Assert.Equal(started.Id, Assert.Single(failed).Id);
        Assert.Equal(3, failed[0].InternalParams["x"]);
    }

    [Fact]
    public void WorkerMembers_UnknownIdsOrBadUpdate_Throw()
    {
        var storage = Open();
        var id = storage.CreateStudy("known", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);

        Assert.Throws<TrialNotFoundException>(() => storage.RecordHeartbeat(trial.Id + 1000, T0));
        Assert.Throws<StudyNotFoundException>(() => storage.FailStaleTrials(id + 1000, T0, StaleUpdate));
        var error = Assert.Throws<ArgumentException>(() => storage.FailStaleTrials(id, T0, new TrialUpdate { State = TrialState.Complete }));
        Assert.Contains("State = Failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailStaleTrials_ConcurrentSweepers_FailEachTrialExactlyOnce()
    {
        const int Threads = 8;
        const int Trials = 30;
        var storage = Open();
        var id = storage.CreateStudy("sweep", [StudyDirection.Minimize], T0);
        for (var i = 0; i < Trials; i++)
        {
            storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true);
        }

        var handles = new[] { storage, Another(storage) };
        var failed = new ConcurrentBag<FrozenTrial>();
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < 3; i++)
            {
                foreach (var trial in handles[t % 2].FailStaleTrials(id, At(1), StaleUpdate))
                {
                    failed.Add(trial);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Enumerable.Range(0, Trials), failed.Select(t => t.Number).Order());
        Assert.All(storage.GetAllTrials(id), t => Assert.Equal(TrialState.Failed, t.State));
    }
}

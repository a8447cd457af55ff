using System.Collections.Concurrent;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Storages;

/// <summary>
/// The behaviour every <see cref="IStorage"/> shares. Each implementation's test class derives from this one, so that all
/// storages pass the very same suite.
/// </summary>
public abstract partial class StorageContractTests : IDisposable
{
    /// <summary>A start time with a non-zero offset: storages must keep the instant.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));

    private static readonly IntDistribution ModelParam = new(0, 10);
    private readonly List<IStorage> _opened = [];
    private (IStorage Storage, IStorage Other)? _shared;

    /// <summary>Creates an empty storage on a new backing store.</summary>
    /// <returns>The storage; the suite disposes it.</returns>
    protected abstract IStorage CreateStorage();

    /// <summary>
    /// Opens another handle on the data of <paramref name="storage"/>, such as a second connection to the same file.
    /// Storages that cannot have a second instance return the same object.
    /// </summary>
    /// <param name="storage">A storage from <see cref="CreateStorage"/>.</param>
    /// <returns>The handle; the suite disposes it.</returns>
    protected virtual IStorage OpenAnother(IStorage storage) => storage;

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes every storage the test opened.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var storage in _opened)
            {
                storage.Dispose();
            }

            _opened.Clear();
        }
    }

    /// <summary>A time <paramref name="seconds"/> after <see cref="T0"/>.</summary>
    protected static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    /// <summary>Creates a storage that is disposed with the test.</summary>
    protected IStorage Open() => Track(CreateStorage());

    /// <summary>Opens another handle on a storage's data that is disposed with the test.</summary>
    protected IStorage Another(IStorage storage) => Track(OpenAnother(storage));

    [Fact]
    public void CreateStudy_NewName_IsReadableByNameAndId()
    {
        var storage = Open();
        var id = storage.CreateStudy("alpha", [StudyDirection.Maximize, StudyDirection.Minimize], T0);

        var byName = storage.GetStudy("alpha");
        var byId = storage.GetStudy(id);

        foreach (var study in new[] { byName, byId, Another(storage).GetStudy(id) })
        {
            Assert.Equal(id, study.Id);
            Assert.Equal("alpha", study.Name);
            Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], study.Directions);
            Assert.Equal(T0, study.Created);
            Assert.Equal(0, study.TrialCount);
            Assert.Empty(study.UserAttrs);
            Assert.Empty(study.SystemAttrs);
        }
    }

    [Fact]
    public void GetAllStudies_SeveralStudies_ListsThemInCreationOrder()
    {
        var storage = Open();
        Assert.Empty(storage.GetAllStudies());
        var ids = new[] { "zeta", "alpha", "mu" }.Select(name => storage.CreateStudy(name, [StudyDirection.Minimize], T0)).ToList();
        storage.StartTrial(ids[1], T0);

        var studies = storage.GetAllStudies();

        Assert.Equal(["zeta", "alpha", "mu"], studies.Select(s => s.Name));
        Assert.Equal(ids, studies.Select(s => s.Id));
        Assert.Equal([0, 1, 0], studies.Select(s => s.TrialCount));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public void CreateStudy_DuplicateName_ThrowsAndKeepsTheFirst()
    {
        var storage = Open();
        var id = storage.CreateStudy("dup", [StudyDirection.Minimize], T0);
        storage.StartTrial(id, T0);

        var error = Assert.Throws<DuplicateStudyException>(() => storage.CreateStudy("dup", [StudyDirection.Maximize], At(1)));

        Assert.Contains("'dup'", error.Message, StringComparison.Ordinal);
        var study = Assert.Single(storage.GetAllStudies());
        Assert.Equal(id, study.Id);
        Assert.Equal([StudyDirection.Minimize], study.Directions);
        Assert.Equal(1, study.TrialCount);
    }

    [Fact]
    public void GetStudy_UnknownNameOrId_ThrowsStudyNotFoundNamingIt()
    {
        var storage = Open();
        var id = storage.CreateStudy("known", [StudyDirection.Minimize], T0);

        var byName = Assert.Throws<StudyNotFoundException>(() => storage.GetStudy("unknown"));
        var byId = Assert.Throws<StudyNotFoundException>(() => storage.GetStudy(id + 1000));

        Assert.Contains("'unknown'", byName.Message, StringComparison.Ordinal);
        Assert.Contains((id + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), byId.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StudyOperations_UnknownStudyId_ThrowStudyNotFound()
    {
        var storage = Open();
        var missing = storage.CreateStudy("known", [StudyDirection.Minimize], T0) + 1000;

        Assert.Throws<StudyNotFoundException>(() => storage.StartTrial(missing, T0));
        Assert.Throws<StudyNotFoundException>(() => storage.CreateTrial(missing, TrialState.Waiting, new TrialUpdate(), T0));
        Assert.Throws<StudyNotFoundException>(() => storage.GetAllTrials(missing));
        Assert.Throws<StudyNotFoundException>(() => storage.GetTrial(missing, 0));
        Assert.Throws<StudyNotFoundException>(() => storage.SetStudyAttr(missing, "k", 1));
        Assert.Throws<StudyNotFoundException>(() => storage.DeleteStudy(missing));
        Assert.Single(storage.GetAllStudies());
    }

    [Fact]
    public void SetStudyAttr_UserAndSystem_AreKeptApartAndOverwritten()
    {
        var storage = Open();
        var id = storage.CreateStudy("attrs", [StudyDirection.Minimize], T0);

        storage.SetStudyAttr(id, "owner", "ada");
        storage.SetStudyAttr(id, "budget", 10);
        storage.SetStudyAttr(id, "budget", 2.5);
        storage.SetStudyAttr(id, "owner", "hone", system: true);

        foreach (var study in new[] { storage.GetStudy(id), Another(storage).GetStudy("attrs") })
        {
            Assert.Equal(2, study.UserAttrs.Count);
            Assert.Equal("ada", study.UserAttrs["owner"]);
            Assert.Equal(2.5, Assert.IsType<double>(study.UserAttrs["budget"]));
            Assert.Equal("hone", Assert.Single(study.SystemAttrs).Value);
        }
    }

    [Fact]
    public void SetStudyAttr_ConcurrentWritersOfOtherKeys_KeepEveryKey()
    {
        // Samplers in several workers write their own study attributes at once (a CMA-ES state per search space,
        // NSGA survivors per generation): no write may drop another's key.
        const int Writers = 6;
        const int KeysEach = 15;
        var storage = Open();
        var id = storage.CreateStudy("attrs-race", [StudyDirection.Minimize], T0);
        var handles = new[] { storage, Another(storage) };
        using var barrier = new Barrier(Writers);
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var k = 0; k < KeysEach; k++)
            {
                handles[w % 2].SetStudyAttr(id, $"w{w}k{k}", (long)k, system: true);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var attrs = Another(storage).GetStudy(id).SystemAttrs;
        Assert.Equal(Writers * KeysEach, attrs.Count);
        Assert.All(Enumerable.Range(0, Writers), w => Assert.Equal(KeysEach - 1L, attrs[$"w{w}k{KeysEach - 1}"]));
    }

    [Fact]
    public void DeleteStudy_WithTrials_RemovesItAndItsTrialsOnly()
    {
        var storage = Open();
        var doomed = storage.CreateStudy("doomed", [StudyDirection.Minimize], T0);
        var kept = storage.CreateStudy("kept", [StudyDirection.Minimize], T0);
        var doomedTrials = Enumerable.Range(0, 3).Select(i => storage.StartTrial(doomed, At(i))).ToList();
        storage.UpdateTrial(doomedTrials[0].Id, Finish(TrialState.Complete, 1.0, At(5)));
        var keptTrials = Enumerable.Range(0, 2).Select(i => storage.StartTrial(kept, At(i))).Select(TrialText.Describe).ToList();

        storage.DeleteStudy(doomed);

        Assert.Throws<StudyNotFoundException>(() => storage.GetStudy(doomed));
        Assert.Throws<StudyNotFoundException>(() => storage.GetStudy("doomed"));
        Assert.Throws<StudyNotFoundException>(() => storage.GetAllTrials(doomed));
        foreach (var trial in doomedTrials)
        {
            Assert.Throws<TrialNotFoundException>(() => storage.GetTrial(trial.Id));
            Assert.Throws<TrialNotFoundException>(() => storage.UpdateTrial(trial.Id, Report(0, 1.0)));
        }

        Assert.Equal("kept", Assert.Single(storage.GetAllStudies()).Name);
        Assert.Equal(keptTrials, storage.GetAllTrials(kept).Select(TrialText.Describe));
        var reborn = storage.CreateStudy("doomed", [StudyDirection.Maximize], At(9));
        Assert.Equal(0, storage.StartTrial(reborn, At(9)).Number);
        Assert.Empty(storage.GetAllTrials(reborn, [TrialState.Complete]));
    }

    [Fact]
    public void DeleteStudy_ThenCreateAnother_NeverReusesIds()
    {
        var storage = Open();
        var doomed = storage.CreateStudy("doomed", [StudyDirection.Minimize], T0);
        var doomedTrials = Enumerable.Range(0, 3).Select(i => storage.StartTrial(doomed, At(i)).Id).ToList();
        var reader = Another(storage);
        Assert.Equal(3, reader.GetAllTrials(doomed).Count);

        storage.DeleteStudy(doomed);
        var next = storage.CreateStudy("next", [StudyDirection.Minimize], T0);
        var nextTrials = Enumerable.Range(0, 3).Select(i => storage.StartTrial(next, At(i)).Id).ToList();

        Assert.NotEqual(doomed, next);
        Assert.Empty(doomedTrials.Intersect(nextTrials));
        Assert.Throws<StudyNotFoundException>(() => reader.GetStudy(doomed));
        Assert.Throws<StudyNotFoundException>(() => reader.GetAllTrials(doomed));
        Assert.All(doomedTrials, t => Assert.Throws<TrialNotFoundException>(() => reader.GetTrial(t)));
        Assert.Equal(nextTrials, reader.GetAllTrials(next).Select(t => t.Id));
    }

    [Fact]
    public void StartTrial_NoneWaiting_CreatesRunningTrialsNumberedDensely()
    {
        var storage = Open();
        var id = storage.CreateStudy("dense", [StudyDirection.Minimize], T0);

        var trials = Enumerable.Range(0, 6).Select(i => storage.StartTrial(id, At(i))).ToList();

        Assert.Equal([0, 1, 2, 3, 4, 5], trials.Select(t => t.Number));
        Assert.Equal(6, trials.Select(t => t.Id).Distinct().Count());
        Assert.All(trials, t => Assert.Equal(TrialState.Running, t.State));
        Assert.All(trials, t => Assert.Equal(At(t.Number), t.Started));
        Assert.All(trials, t => Assert.Null(t.Completed));
        Assert.Equal(trials.Select(TrialText.Describe), storage.GetAllTrials(id).Select(TrialText.Describe));
        Assert.Equal(6, storage.GetStudy(id).TrialCount);
    }

    [Fact]
    public void TrialNumbers_TwoStudies_AreCountedIndependently()
    {
        var storage = Open();
        var a = storage.CreateStudy("a", [StudyDirection.Minimize], T0);
        var b = storage.CreateStudy("b", [StudyDirection.Minimize], T0);

        var numbers = new List<(long Study, int Number)>();
        foreach (var study in new[] { a, a, b, a, b, b, b, a })
        {
            numbers.Add((study, storage.StartTrial(study, T0).Number));
        }

        numbers.Add((b, storage.CreateTrial(b, TrialState.Waiting, new TrialUpdate(), T0).Number));

        Assert.Equal([0, 1, 2, 3], numbers.Where(n => n.Study == a).Select(n => n.Number));
        Assert.Equal([0, 1, 2, 3, 4], numbers.Where(n => n.Study == b).Select(n => n.Number));
        Assert.Equal([0, 1, 2, 3], storage.GetAllTrials(a).Select(t => t.Number));
        Assert.Equal([0, 1, 2, 3, 4], storage.GetAllTrials(b).Select(t => t.Number));
    }

    [Fact]
    public void StartTrial_WaitingTrials_ClaimsOldestFirstEachOnce()
    {
        var storage = Open();
        var id = storage.CreateStudy("queue", [StudyDirection.Minimize], T0);
        var first = storage.CreateTrial(id, TrialState.Waiting, FixedParam(1), At(0));
        storage.CreateTrial(id, TrialState.Running, new TrialUpdate(), At(1));
        storage.CreateTrial(id, TrialState.Waiting, FixedParam(2), At(2));
        storage.CreateTrial(id, TrialState.Waiting, FixedParam(3), At(3));

        var claimed = Enumerable.Range(10, 4).Select(i => storage.StartTrial(id, At(i))).ToList();

        Assert.Equal(TrialState.Waiting, first.State);
        Assert.Null(first.Started);
        Assert.Equal([0, 2, 3, 4], claimed.Select(t => t.Number));
        Assert.Equal([1.0, 2.0, 3.0], claimed.Take(3).Select(t => t.InternalParams["x"]));
        Assert.Empty(claimed[3].Params);
        Assert.Equal([At(10), At(11), At(12), At(13)], claimed.Select(t => t.Started));
        Assert.All(storage.GetAllTrials(id), t => Assert.Equal(TrialState.Running, t.State));
        Assert.Equal(claimed[0].Id, first.Id);
    }

    [Fact]
    public void StartTrial_ConcurrentThreads_ClaimEachWaitingTrialExactlyOnce()
    {
        const int Waiting = 40;
        const int Threads = 8;
        const int StartsPerThread = 10;
        var storage = Open();
        var id = storage.CreateStudy("race", [StudyDirection.Minimize], T0);
        for (var i = 0; i < Waiting; i++)
        {
            storage.CreateTrial(id, TrialState.Waiting, FixedParam(i % 10), T0);
        }

        var handles = new[] { storage, Another(storage) };
        var claimed = new ConcurrentBag<FrozenTrial>();
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < StartsPerThread; i++)
            {
                claimed.Add(handles[t % 2].StartTrial(id, At(1)));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Enumerable.Range(0, Threads * StartsPerThread), claimed.Select(t => t.Number).Order());
        Assert.All(claimed.Where(t => t.Number < Waiting), t => Assert.Equal(t.Number % 10, t.InternalParams["x"]));
        Assert.All(claimed.Where(t => t.Number >= Waiting), t => Assert.Empty(t.Params));
        var stored = storage.GetAllTrials(id);
        Assert.Equal(Threads * StartsPerThread, stored.Count);
        Assert.All(stored, t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void TryClaim_SameKeyTwice_OnlyTheFirstWinsAndStudiesAreSeparate()
    {
        var storage = Open();
        var a = storage.CreateStudy("a", [StudyDirection.Minimize], T0);
        var b = storage.CreateStudy("b", [StudyDirection.Minimize], T0);

        Assert.True(storage.TryClaim(a, "grid:1"));
        Assert.False(Another(storage).TryClaim(a, "grid:1"));
        Assert.True(storage.TryClaim(b, "grid:1"));
        Assert.True(storage.TryClaim(a, "grid:2"));

        Assert.Equal(["grid:1", "grid:2"], Another(storage).GetClaims(a).Order(StringComparer.Ordinal));
        Assert.Equal(["grid:1"], storage.GetClaims(b));
        Assert.Throws<StudyNotFoundException>(() => storage.TryClaim(12345, "grid:1"));
    }

    [Fact]
    public void IsClaimed_SeesClaimsOfEveryCallerAndClaimsNothing()
    {
        var storage = Open();
        var a = storage.CreateStudy("a", [StudyDirection.Minimize], T0);
        var b = storage.CreateStudy("b", [StudyDirection.Minimize], T0);

        Assert.False(storage.IsClaimed(a, "grid:1"));
        Assert.True(storage.TryClaim(a, "grid:1"));
        Assert.True(Another(storage).IsClaimed(a, "grid:1"));
        Assert.False(storage.IsClaimed(b, "grid:1"));
        Assert.False(storage.IsClaimed(a, "grid:2"));
        Assert.True(storage.TryClaim(a, "grid:2"));
        Assert.Throws<StudyNotFoundException>(() => storage.IsClaimed(12345, "grid:1"));
    }

    [Fact]
    public void TryClaim_ConcurrentThreads_EachKeyClaimedExactlyOnce()
    {
        const int Threads = 8;
        const int Keys = 50;
        var storage = Open();
        var id = storage.CreateStudy("claims", [StudyDirection.Minimize], T0);
        var handles = new[] { storage, Another(storage) };
        var won = new ConcurrentBag<string>();
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var k = 0; k < Keys; k++)
            {
                var key = "k" + ((k + (t * 7)) % Keys).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (handles[t % 2].TryClaim(id, key))
                {
                    won.Add(key);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Keys, won.Count);
        Assert.Equal(Keys, won.Distinct().Count());
        Assert.Equal(Keys, storage.GetClaims(id).Count);
    }

    [Fact]
    public void UpdateTrial_NonFiniteAttrs_ReadBackAsTheirTextInEveryStorage()
    {
        var storage = Open();
        var id = storage.CreateStudy("nan", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);

        storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            UserAttrs = [new("nan", double.NaN), new("inf", double.PositiveInfinity), new("minus", float.NegativeInfinity)],
        });

        var attrs = Another(storage).GetAllTrials(id)[0].UserAttrs;
        Assert.Equal("NaN", attrs["nan"]);
        Assert.Equal("Infinity", attrs["inf"]);
        Assert.Equal("-Infinity", attrs["minus"]);
    }

    [Fact]
    public void DeleteStudy_WithClaims_RemovesThem()
    {
        var storage = Open();
        var id = storage.CreateStudy("gone", [StudyDirection.Minimize], T0);
        storage.TryClaim(id, "x");
        storage.DeleteStudy(id);
        var again = storage.CreateStudy("gone", [StudyDirection.Minimize], T0);

        Assert.Empty(storage.GetClaims(again));
    }

    [Fact]
    public void CreateTrial_WithInitialUpdate_KeepsItButNotItsState()
    {
        var storage = Open();
        var id = storage.CreateStudy("initial", [StudyDirection.Minimize], T0);
        var initial = new TrialUpdate
        {
            State = TrialState.Complete,
            Values = [1.0],
            Params = [("x", ModelParam, 4)],
            UserAttrs = [KeyValuePair.Create<string, object?>("note", "enqueued")],
            SystemAttrs = [KeyValuePair.Create<string, object?>("fixed_params", true)],
        };

        var waiting = storage.CreateTrial(id, TrialState.Waiting, initial, At(3));
        var running = storage.CreateTrial(id, TrialState.Running, initial, At(4));

        Assert.Equal(TrialState.Waiting, waiting.State);
        Assert.Null(waiting.Started);
        Assert.Null(waiting.Values);
        Assert.Equal(TrialState.Running, running.State);
        Assert.Equal(At(4), running.Started);
        foreach (var trial in storage.GetAllTrials(id))
        {
            Assert.Equal(4.0, trial.InternalParams["x"]);
            Assert.Equal("enqueued", trial.UserAttrs["note"]);
            Assert.True(Assert.IsType<bool>(trial.SystemAttrs["fixed_params"]));
        }

        Assert.Equal(new[] { waiting, running }.Select(TrialText.Describe), storage.GetAllTrials(id).Select(TrialText.Describe));
    }

    [Fact]
    public void UpdateTrial_ParamsOfEveryKind_RoundTripInSuggestionOrder()
    {
        var storage = Open();
        var id = storage.CreateStudy("params", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        var mixed = new CategoricalDistribution([null, "relu", 3, 2.5, false]);
        (string Name, Distribution Distribution, double Value, object? External)[] expected =
        [
            ("lr", new FloatDistribution(1e-5, 1, log: true), 3.2e-4, 3.2e-4),
            ("dropout", new FloatDistribution(0, 0.5), 0.12345678901234568, 0.12345678901234568),
            ("momentum", new FloatDistribution(0.5, 0.9, step: 0.1), 0.7, 0.7),
            ("layers", new IntDistribution(1, 8), 3, 3),
            ("units", new IntDistribution(16, 1024, log: true), 256, 256),
            ("batch", new IntDistribution(16, 128, step: 16), 64, 64),
            ("optimizer", new CategoricalDistribution(["adam", "sgd"]), 1, "sgd"),
            ("width", new CategoricalDistribution([32, 64L]), 0, 32L),
            ("ratio", new CategoricalDistribution([0.5, 1.0, 2]), 1, 1.0),
            ("nesterov", new CategoricalDistribution([true, false]), 1, false),
            ("c_null", mixed, 0, null),
            ("c_string", mixed, 1, "relu"),
            ("c_long", mixed, 2, 3L),
            ("c_double", mixed, 3, 2.5),
            ("c_bool", mixed, 4, false),
        ];

        // Two batches, as a trial flushes at a report and at its end.
        var returned = storage.UpdateTrial(trial.Id, new TrialUpdate { Params = expected[..6].Select(p => (p.Name, p.Distribution, p.Value)).ToList() });
        Assert.Equal(expected[..6].Select(p => p.Name), returned.Params.Keys);
        returned = storage.UpdateTrial(trial.Id, new TrialUpdate { Params = expected[6..].Select(p => (p.Name, p.Distribution, p.Value)).ToList() });

        var reads = new[] { returned, storage.GetTrial(trial.Id), storage.GetTrial(id, 0), Assert.Single(storage.GetAllTrials(id)), Another(storage).GetTrial(trial.Id) };
        foreach (var read in reads)
        {
            Assert.Equal(expected.Select(p => p.Name), read.Params.Keys);
            Assert.Equal(expected.Select(p => p.Distribution), read.Params.Entries().Select(e => e.Distribution));
            Assert.Equal(expected.Select(p => p.Value), read.Params.Entries().Select(e => e.Value));
            foreach (var p in expected)
            {
                Assert.Equal(TrialText.Attr(p.External), TrialText.Attr(read.Params[p.Name]));
            }
        }
    }

    [Fact]
    public void UpdateTrial_IntermediateValues_AddsOverwritesAndKeepsNonFinite()
    {
        var storage = Open();
        var id = storage.CreateStudy("steps", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);

        storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            IntermediateValues = [new(0, 1.5), new(3, double.NaN), new(1, double.PositiveInfinity), new(7, double.NegativeInfinity)],
        });
        var returned = storage.UpdateTrial(trial.Id, new TrialUpdate { IntermediateValues = [new(0, 0.25), new(2, -2)] });

        foreach (var read in new[] { returned, storage.GetTrial(trial.Id), Assert.Single(storage.GetAllTrials(id)), Another(storage).GetTrial(trial.Id) })
        {
            Assert.Equal([0, 1, 2, 3, 7], read.IntermediateValues.Keys.Order());
            Assert.Equal(0.25, read.IntermediateValues[0]);
            Assert.Equal(double.PositiveInfinity, read.IntermediateValues[1]);
            Assert.Equal(-2.0, read.IntermediateValues[2]);
            Assert.True(double.IsNaN(read.IntermediateValues[3]));
            Assert.Equal(double.NegativeInfinity, read.IntermediateValues[7]);
            Assert.Equal(double.NegativeInfinity, read.LastIntermediateValue);
        }
    }

    [Fact]
    public void UpdateTrial_IntermediateVectors_KeepEveryValueWithTheFirstAsTheStepValue()
    {
        var storage = Open();
        var id = storage.CreateStudy("vectors", [StudyDirection.Minimize, StudyDirection.Maximize], T0);
        var trial = storage.StartTrial(id, T0);

        storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            IntermediateVectors = [new(0, [1.5, 10]), new(1, [double.NaN, double.PositiveInfinity]), new(2, [0.5, double.NegativeInfinity]), new(3, [4, 5])],
        });
        var returned = storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            // A single value replaces the vector of its step.
            IntermediateValues = [new(3, 9)],
            IntermediateVectors = [new(0, [0.25, 11]), new(5, [-1, 1e-300])],
        });

        foreach (var read in new[] { returned, storage.GetTrial(trial.Id), Assert.Single(storage.GetAllTrials(id)), Another(storage).GetTrial(trial.Id) })
        {
            Assert.Equal([0, 1, 2, 5], read.IntermediateVectors.Keys.Order());
            Assert.Equal([0.25, 11], read.IntermediateVectors[0]);
            Assert.Equal([double.NaN, double.PositiveInfinity], read.IntermediateVectors[1]);
            Assert.Equal([0.5, double.NegativeInfinity], read.IntermediateVectors[2]);
            Assert.Equal([-1, 1e-300], read.IntermediateVectors[5]);
            Assert.Equal([0, 1, 2, 3, 5], read.IntermediateValues.Keys.Order());
            Assert.Equal(0.25, read.IntermediateValues[0]);
            Assert.True(double.IsNaN(read.IntermediateValues[1]));
            Assert.Equal(9.0, read.IntermediateValues[3]);
            Assert.Equal(-1.0, read.IntermediateValues[5]);
        }
    }

    [Fact]
    public void CreateTrial_WithInitialVectors_KeepsThemBesideSingleValues()
    {
        var storage = Open();
        var id = storage.CreateStudy("initial-vectors", [StudyDirection.Minimize, StudyDirection.Minimize], T0);

        var created = storage.CreateTrial(id, TrialState.Running, new TrialUpdate { IntermediateValues = [new(0, 7)], IntermediateVectors = [new(1, [1, 2]), new(2, [3, double.NaN])] }, T0);

        foreach (var read in new[] { created, storage.GetTrial(created.Id), Another(storage).GetTrial(created.Id) })
        {
            Assert.Equal([1, 2], read.IntermediateVectors.Keys.Order());
            Assert.Equal([3, double.NaN], read.IntermediateVectors[2]);
            Assert.Equal([7.0, 1.0, 3.0], read.IntermediateValues.OrderBy(kv => kv.Key).Select(kv => kv.Value));
        }
    }

    [Fact]
    public void UpdateTrial_VectorOfAnotherLength_ThrowsAndChangesNothing()
    {
        var storage = Open();
        var id = storage.CreateStudy("lengths", [StudyDirection.Minimize, StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        storage.UpdateTrial(trial.Id, new TrialUpdate { IntermediateVectors = [new(0, [1, 2])] });
        var before = TrialText.Describe(storage.GetTrial(trial.Id));

        var error = Assert.Throws<ArgumentException>(() => storage.UpdateTrial(trial.Id, new TrialUpdate { IntermediateVectors = [new(1, [1, 2, 3])], UserAttrs = [new("k", 1)] }));
        Assert.Throws<ArgumentException>(() => storage.CreateTrial(id, TrialState.Running, new TrialUpdate { IntermediateVectors = [new(0, [])] }, T0));

        Assert.Contains("step 1 has 3 value(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrialText.Describe(storage.GetTrial(trial.Id)));
        Assert.Equal(before, TrialText.Describe(Assert.Single(Another(storage).GetAllTrials(id))));
    }

    [Fact]
    public void UpdateTrial_AttrsOfEveryKind_RoundTripWithTheirKind()
    {
        var storage = Open();
        var id = storage.CreateStudy("attrs", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        var user = new Dictionary<string, object?>
        {
            ["string"] = "ünïcode \"quoted\" \\ text",
            ["int"] = 42,
            ["long"] = long.MaxValue,
            ["double"] = 0.1,
            ["whole double"] = 3.0,
            ["big"] = 1e300,
            ["true"] = true,
            ["false"] = false,
            ["null"] = null,
            ["object"] = new { a = 1, b = new[] { "x", "y" } },
            ["array"] = new[] { 1, 2, 3 },
        };

        storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            UserAttrs = [.. user],
            SystemAttrs = [KeyValuePair.Create<string, object?>("string", "system")],
        });
        var returned = storage.UpdateTrial(trial.Id, new TrialUpdate { UserAttrs = [KeyValuePair.Create<string, object?>("int", "overwritten")] });

        foreach (var read in new[] { returned, storage.GetTrial(trial.Id), Assert.Single(storage.GetAllTrials(id)), Another(storage).GetTrial(trial.Id) })
        {
            Assert.Equal(user.Keys.Order(StringComparer.Ordinal), read.UserAttrs.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("ünïcode \"quoted\" \\ text", read.UserAttrs["string"]);
            Assert.Equal("overwritten", read.UserAttrs["int"]);
            Assert.Equal(long.MaxValue, Assert.IsType<long>(read.UserAttrs["long"]));
            Assert.Equal(0.1, Assert.IsType<double>(read.UserAttrs["double"]));
            Assert.Equal(3.0, Assert.IsType<double>(read.UserAttrs["whole double"]));
            Assert.Equal(1e300, Assert.IsType<double>(read.UserAttrs["big"]));
            Assert.True(Assert.IsType<bool>(read.UserAttrs["true"]));
            Assert.False(Assert.IsType<bool>(read.UserAttrs["false"]));
            Assert.Null(read.UserAttrs["null"]);
            var json = Assert.IsType<JsonElement>(read.UserAttrs["object"]);
            Assert.Equal("""{"a":1,"b":["x","y"]}""", json.GetRawText());
            Assert.Equal("[1,2,3]", Assert.IsType<JsonElement>(read.UserAttrs["array"]).GetRawText());
            Assert.Equal("system", Assert.Single(read.SystemAttrs).Value);
        }
    }

    [Fact]
    public void UpdateTrial_FinalUpdateWithEverything_AppliesItAtOnce()
    {
        var storage = Open();
        var id = storage.CreateStudy("final", [StudyDirection.Minimize, StudyDirection.Maximize], T0);
        var trial = storage.StartTrial(id, At(1));

        var returned = storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            State = TrialState.Complete,
            Values = [1.5, -2],
            Completed = At(61),
            Params = [("x", ModelParam, 7)],
            IntermediateValues = [new(4, 0.5)],
            UserAttrs = [KeyValuePair.Create<string, object?>("u", 1)],
            SystemAttrs = [KeyValuePair.Create<string, object?>("s", "v")],
        });

        Assert.Equal(TrialText.Describe(returned), TrialText.Describe(storage.GetTrial(trial.Id)));
        Assert.Equal(TrialText.Describe(returned), TrialText.Describe(Another(storage).GetTrial(trial.Id)));
        Assert.Equal(TrialState.Complete, returned.State);
        Assert.Equal([1.5, -2.0], returned.Values);
        Assert.Equal(At(61), returned.Completed);
        Assert.Equal(TimeSpan.FromMinutes(1), returned.Duration);
        Assert.Equal(7.0, returned.InternalParams["x"]);
        Assert.Equal(0.5, returned.IntermediateValues[4]);
        Assert.Equal(1L, returned.UserAttrs["u"]);
        Assert.Equal("v", returned.SystemAttrs["s"]);
    }

    [Theory]
    [InlineData(TrialState.Complete)]
    [InlineData(TrialState.Pruned)]
    [InlineData(TrialState.Failed)]
    public void UpdateTrial_FinishedTrial_ThrowsAndChangesNothing(TrialState state)
    {
        var storage = Open();
        var id = storage.CreateStudy("finished", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        storage.UpdateTrial(trial.Id, new TrialUpdate { Params = [("x", ModelParam, 2)], IntermediateValues = [new(0, 9)] });
        var finished = storage.UpdateTrial(trial.Id, Finish(state, 1.0, At(2)));
        var before = TrialText.Describe(finished);

        TrialUpdate[] attempts =
        [
            Finish(TrialState.Complete, 5.0, At(3)),
            Finish(TrialState.Failed, 0, At(3)),
            new TrialUpdate { State = TrialState.Running },
            new TrialUpdate { Params = [("y", ModelParam, 1)] },
            Report(1, 3.0),
            new TrialUpdate { UserAttrs = [KeyValuePair.Create<string, object?>("late", true)] },
            new TrialUpdate { SystemAttrs = [KeyValuePair.Create<string, object?>("late", true)] },
        ];
        foreach (var attempt in attempts)
        {
            var error = Assert.Throws<TrialAlreadyFinishedException>(() => storage.UpdateTrial(trial.Id, attempt));
            Assert.Contains(state.ToString(), error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(state, finished.State);
        double[]? values = state == TrialState.Complete ? [1.0] : null;
        Assert.Equal(values, finished.Values);
        Assert.Equal(before, TrialText.Describe(storage.GetTrial(trial.Id)));
        Assert.Equal(before, TrialText.Describe(Assert.Single(storage.GetAllTrials(id))));
        Assert.Equal(before, TrialText.Describe(Another(storage).GetTrial(trial.Id)));
    }

    [Fact]
    public void Records_ReturnedEarlier_NeverChangeAfterLaterWrites()
    {
        var storage = Open();
        var id = storage.CreateStudy("immutable", [StudyDirection.Minimize], T0);
        var started = storage.StartTrial(id, T0);
        var listed = storage.GetAllTrials(id);
        var summary = storage.GetStudy(id);
        var afterParams = storage.UpdateTrial(started.Id, new TrialUpdate { Params = [("x", ModelParam, 1)], UserAttrs = [new("k", 1)] });
        var snapshots = new[] { started, listed[0], afterParams }.Select(TrialText.Describe).ToList();

        storage.UpdateTrial(started.Id, new TrialUpdate
        {
            Params = [("y", ModelParam, 2)],
            IntermediateValues = [new(0, 1)],
            UserAttrs = [new("k", 2), new("k2", 3)],
            SystemAttrs = [new("s", 4)],
        });
        storage.UpdateTrial(started.Id, Finish(TrialState.Complete, 0.5, At(9)));
        storage.StartTrial(id, At(10));
        storage.SetStudyAttr(id, "k", "v");
        storage.GetAllTrials(id);

        Assert.Equal(snapshots, new[] { started, listed[0], afterParams }.Select(TrialText.Describe));
        Assert.Single(listed);
        Assert.Equal(1, summary.TrialCount);
        Assert.Empty(summary.UserAttrs);
    }

    [Fact]
    public void GetAllTrials_StateFilter_KeepsMatchingTrialsInNumberOrder()
    {
        var storage = Open();
        var id = storage.CreateStudy("filter", [StudyDirection.Minimize], T0);
        TrialState[] states = [TrialState.Complete, TrialState.Running, TrialState.Waiting, TrialState.Pruned, TrialState.Failed, TrialState.Complete, TrialState.Waiting];
        foreach (var state in states)
        {
            var trial = storage.CreateTrial(id, state == TrialState.Waiting ? TrialState.Waiting : TrialState.Running, new TrialUpdate(), T0);
            if (state.IsFinished())
            {
                storage.UpdateTrial(trial.Id, Finish(state, 1.0, At(1)));
            }
        }

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], storage.GetAllTrials(id).Select(t => t.Number));
        Assert.Equal(states, storage.GetAllTrials(id).Select(t => t.State));
        Assert.Equal([0, 5], storage.GetAllTrials(id, [TrialState.Complete]).Select(t => t.Number));
        Assert.Equal([1, 2, 6], storage.GetAllTrials(id, [TrialState.Waiting, TrialState.Running]).Select(t => t.Number));
        Assert.Equal([3, 4], storage.GetAllTrials(id, new HashSet<TrialState> { TrialState.Failed, TrialState.Pruned }).Select(t => t.Number));
        Assert.Empty(storage.GetAllTrials(id, []));
    }

    [Fact]
    public void GetFinishedTrials_FinishedOutOfNumberOrder_ListsEachOnceInFinishingOrderAfterStart()
    {
        var storage = Open();
        var id = storage.CreateStudy("finished", [StudyDirection.Minimize], T0);
        var trials = Enumerable.Range(0, 4).Select(i => storage.StartTrial(id, At(i))).ToArray();
        storage.CreateTrial(id, TrialState.Waiting, new TrialUpdate(), At(5));

        storage.UpdateTrial(trials[2].Id, new TrialUpdate { State = TrialState.Complete, Values = [2.0], Completed = At(6) });
        storage.UpdateTrial(trials[0].Id, new TrialUpdate { State = TrialState.Pruned, Completed = At(7) });
        var first = storage.GetFinishedTrials(id, 0);
        storage.UpdateTrial(trials[3].Id, new TrialUpdate { State = TrialState.Failed, Completed = At(8) });
        var later = storage.GetFinishedTrials(id, first.Count);

        Assert.Equal([2, 0], first.Select(t => t.Number));
        Assert.Equal([3], later.Select(t => t.Number));
        Assert.Equal(TrialState.Failed, later[0].State);
        Assert.Equal([2, 0, 3], storage.GetFinishedTrials(id, 0).Select(t => t.Number));
        Assert.Empty(storage.GetFinishedTrials(id, 3));
        Assert.Empty(storage.GetFinishedTrials(id, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.GetFinishedTrials(id, -1));
        Assert.Throws<StudyNotFoundException>(() => storage.GetFinishedTrials(id + 1000, 0));
    }

    [Fact]
    public void GetFinishedTrials_FinishedThroughAnotherInstance_SeenOnceEach()
    {
        var storage = Open();
        var id = storage.CreateStudy("finished-elsewhere", [StudyDirection.Minimize], T0);
        var other = Another(storage);
        var a = storage.StartTrial(id, T0);
        var b = storage.StartTrial(id, T0);
        storage.UpdateTrial(a.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.0], Completed = At(1) });
        var first = other.GetFinishedTrials(id, 0);
        storage.UpdateTrial(b.Id, new TrialUpdate { State = TrialState.Complete, Values = [2.0], Completed = At(2) });
        var second = other.GetFinishedTrials(id, first.Count);

        Assert.Equal([a.Id], first.Select(t => t.Id));
        Assert.Equal([b.Id], second.Select(t => t.Id));
        Assert.Equal([2.0], second[0].Values!);
    }

    [Fact]
    public void GetTrial_ByIdOrNumber_ReturnsTheSameRecord()
    {
        var storage = Open();
        var other = storage.CreateStudy("other", [StudyDirection.Minimize], T0);
        storage.StartTrial(other, T0);
        var id = storage.CreateStudy("get", [StudyDirection.Minimize], T0);
        var trials = Enumerable.Range(0, 3).Select(i => storage.StartTrial(id, At(i))).ToList();
        storage.UpdateTrial(trials[1].Id, Finish(TrialState.Complete, 2.0, At(5)));

        foreach (var trial in trials)
        {
            Assert.Equal(TrialText.Describe(storage.GetTrial(trial.Id)), TrialText.Describe(storage.GetTrial(id, trial.Number)));
        }

        Assert.Equal(2.0, storage.GetTrial(id, 1).Value);
        Assert.Equal(0, storage.GetTrial(other, 0).Number);
    }

    [Fact]
    public void GetTrial_UnknownIdOrNumber_ThrowsTrialNotFoundNamingIt()
    {
        var storage = Open();
        var id = storage.CreateStudy("missing", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        var missingId = trial.Id + 1000;

        var byNumber = Assert.Throws<TrialNotFoundException>(() => storage.GetTrial(id, 7));
        Assert.Throws<TrialNotFoundException>(() => storage.GetTrial(id, -1));
        var byId = Assert.Throws<TrialNotFoundException>(() => storage.GetTrial(missingId));
        var update = Assert.Throws<TrialNotFoundException>(() => storage.UpdateTrial(missingId, Report(0, 1)));

        Assert.Contains("7", byNumber.Message, StringComparison.Ordinal);
        var idText = missingId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(idText, byId.Message, StringComparison.Ordinal);
        Assert.Contains(idText, update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartAndUpdate_EightThreadsOnOneStudy_KeepEveryTrialWithUniqueNumbers()
    {
        const int Threads = 8;
        const int TrialsPerThread = 200;
        var storage = Open();
        var id = storage.CreateStudy("parallel", [StudyDirection.Minimize], T0);
        var reader = Another(storage);
        var written = new ConcurrentDictionary<long, double>();
        using var done = new CancellationTokenSource();
        using var barrier = new Barrier(Threads);
        var writers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < TrialsPerThread; i++)
            {
                var trial = storage.StartTrial(id, At(i));
                var value = (t * 1000) + i;
                storage.UpdateTrial(trial.Id, Finish(TrialState.Complete, value, At(i + 1)) with { Params = [("t", ModelParam, t)] });
                written[trial.Id] = value;
            }
        })).ToList();

        // A reader meanwhile must always see numbers 0..n-1 with no gap.
        var gaps = new List<string>();
        var readerThread = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var numbers = reader.GetAllTrials(id).Select(t => t.Number).ToList();
                if (!numbers.SequenceEqual(Enumerable.Range(0, numbers.Count)))
                {
                    gaps.Add(string.Join(",", numbers));
                }
            }
        });
        readerThread.Start();
        writers.ForEach(t => t.Start());
        writers.ForEach(t => t.Join());
        done.Cancel();
        readerThread.Join();

        var trials = storage.GetAllTrials(id);
        Assert.Empty(gaps);
        Assert.Equal(Enumerable.Range(0, Threads * TrialsPerThread), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(written[t.Id], t.Value));
        Assert.All(trials, t => Assert.Equal(Math.Floor(t.Value / 1000), t.InternalParams["t"]));
        Assert.Equal(Threads * TrialsPerThread, reader.GetAllTrials(id, [TrialState.Complete]).Count);
    }

    [Property(Arbitrary = [typeof(StorageOperation)], MaxTest = 50)]
    public void Operations_RandomSequence_MatchASimpleModel(StorageOperation[] operations)
    {
        var (storage, other) = Shared();
        var id = storage.CreateStudy($"model-{Guid.NewGuid():N}", [StudyDirection.Minimize], T0);
        var model = new List<ModelTrial>();
        var waiting = new Queue<int>();
        var clock = 0;
        foreach (var operation in operations)
        {
            var now = At(clock++);
            switch (operation.Kind)
            {
                case StorageOperationKind.Enqueue:
                    var enqueued = storage.CreateTrial(id, TrialState.Waiting, FixedParam(operation.Step), now);
                    Assert.Equal(model.Count, enqueued.Number);
                    waiting.Enqueue(model.Count);
                    model.Add(new ModelTrial { State = TrialState.Waiting, X = operation.Step });
                    break;
                case StorageOperationKind.Start:
                    var expected = NextWaiting(model, waiting) ?? model.Count;
                    if (expected == model.Count)
                    {
                        model.Add(new ModelTrial());
                    }

                    var started = storage.StartTrial(id, now);
                    Assert.Equal(expected, started.Number);
                    model[expected].State = TrialState.Running;
                    model[expected].Started = now;
                    break;
                default:
                    if (model.Count == 0)
                    {
                        break;
                    }

                    var number = operation.Target % model.Count;
                    var target = model[number];
                    var update = operation.Kind switch
                    {
                        StorageOperationKind.Report => Report(operation.Step, operation.Value),
                        StorageOperationKind.ReportVector => new TrialUpdate { IntermediateVectors = [new(operation.Step, [operation.Value, operation.Step])] },
                        StorageOperationKind.SetAttr => new TrialUpdate { UserAttrs = [new($"k{operation.Step}", operation.Value)] },
                        StorageOperationKind.Complete => Finish(TrialState.Complete, operation.Value, now),
                        StorageOperationKind.Prune => Finish(TrialState.Pruned, operation.Value, now),
                        _ => Finish(TrialState.Failed, operation.Value, now),
                    };
                    var trialId = storage.GetTrial(id, number).Id;
                    var writer = operation.ByOther ? other : storage;
                    if (target.State.IsFinished())
                    {
                        Assert.Throws<TrialAlreadyFinishedException>(() => writer.UpdateTrial(trialId, update));
                        break;
                    }

                    writer.UpdateTrial(trialId, update);
                    target.Apply(update);
                    break;
            }
        }

        foreach (var handle in new[] { storage, other })
        {
            var trials = handle.GetAllTrials(id);
            Assert.Equal(model.Count, trials.Count);
            for (var i = 0; i < model.Count; i++)
            {
                Assert.Equal(model[i].Describe(i), ModelTrial.Describe(trials[i]));
            }

            // Storages answer these from the unfinished trials alone.
            Assert.Equal(
                Enumerable.Range(0, model.Count).Where(i => model[i].State == TrialState.Running),
                handle.GetAllTrials(id, [TrialState.Running]).Select(t => t.Number));
            Assert.Equal(
                Enumerable.Range(0, model.Count).Where(i => !model[i].State.IsFinished()),
                handle.GetAllTrials(id, [TrialState.Waiting, TrialState.Running]).Select(t => t.Number));
        }
    }

    [Property(MaxTest = 50)]
    public void Attrs_AnyScalars_RoundTripWithTheirKind(long whole, NormalFloat real, bool flag, NonNull<string> text)
    {
        var (storage, other) = Shared();
        var id = storage.CreateStudy($"attrs-{Guid.NewGuid():N}", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        var attrs = new Dictionary<string, object?> { ["whole"] = whole, ["real"] = real.Get, ["flag"] = flag, ["text"] = text.Get, [text.Get] = "key" };

        storage.UpdateTrial(trial.Id, new TrialUpdate { UserAttrs = [.. attrs], SystemAttrs = [.. attrs] });
        storage.SetStudyAttr(id, "real", real.Get);

        var read = other.GetTrial(trial.Id);
        foreach (var stored in new[] { read.UserAttrs, read.SystemAttrs })
        {
            Assert.Equal(attrs.Count, stored.Count);
            foreach (var (key, value) in attrs)
            {
                Assert.Equal(TrialText.Attr(value), TrialText.Attr(stored[key]));
            }
        }

        Assert.Equal(TrialText.Attr(real.Get), TrialText.Attr(storage.GetStudy(id).UserAttrs["real"]));
    }

    [Property(MaxTest = 50)]
    public void Params_RandomDistributionsAndValues_RoundTrip(NormalFloat low, NormalFloat width, bool log, int choice)
    {
        var lo = log ? Math.Abs(low.Get) + double.Epsilon : low.Get;
        var hi = lo + Math.Abs(width.Get);
        var (storage, other) = Shared();
        var id = storage.CreateStudy($"params-{Guid.NewGuid():N}", [StudyDirection.Minimize], T0);
        var trial = storage.StartTrial(id, T0);
        var entries = new List<(string Name, Distribution Distribution, double Value)>
        {
            ("float", new FloatDistribution(lo, double.IsFinite(hi) ? hi : lo, log), lo),
            ("int", new IntDistribution(Math.Min(choice, 0), Math.Max(choice, 0)), choice),
            ("choice", new CategoricalDistribution([low.Get, choice, log, null, choice.ToString(System.Globalization.CultureInfo.InvariantCulture)]), Math.Abs(choice % 5)),
        };

        storage.UpdateTrial(trial.Id, new TrialUpdate { Params = entries });

        var read = other.GetTrial(trial.Id);
        Assert.Equal(entries, read.Params.Entries());
    }

    private static int? NextWaiting(List<ModelTrial> model, Queue<int> waiting)
    {
        // A waiting trial finished directly (told without being started) is skipped.
        while (waiting.TryDequeue(out var number))
        {
            if (model[number].State == TrialState.Waiting)
            {
                return number;
            }
        }

        return null;
    }

    private static TrialUpdate FixedParam(int value) => new() { Params = [("x", ModelParam, value)] };

    private static TrialUpdate Report(int step, double value) => new() { IntermediateValues = [new(step, value)] };

    private static TrialUpdate Finish(TrialState state, double value, DateTimeOffset completed) =>
        new() { State = state, Values = state == TrialState.Complete ? [value] : null, Completed = completed };

    /// <summary>One storage and a second handle on it for all the runs of a property; each run uses a new study.</summary>
    private (IStorage Storage, IStorage Other) Shared()
    {
        if (_shared is null)
        {
            var storage = Open();
            _shared = (storage, Another(storage));
        }

        return _shared.Value;
    }

    private IStorage Track(IStorage storage)
    {
        if (!_opened.Contains(storage))
        {
            _opened.Add(storage);
        }

        return storage;
    }

    /// <summary>What a trial should hold after the operations applied so far.</summary>
    private sealed class ModelTrial
    {
        public TrialState State { get; set; } = TrialState.Running;

        public int? X { get; init; }

        public DateTimeOffset? Started { get; set; }

        public DateTimeOffset? Completed { get; private set; }

        public double? Value { get; private set; }

        public SortedDictionary<int, double> Steps { get; } = [];

        public SortedDictionary<int, IReadOnlyList<double>> Vectors { get; } = [];

        public SortedDictionary<string, object?> Attrs { get; } = new(StringComparer.Ordinal);

        public static string Describe(FrozenTrial trial) => Describe(
            trial.Number,
            trial.State,
            trial.Params.TryGet("x", out _, out var x) ? (int)x : null,
            trial.Started,
            trial.Completed,
            trial.Values is [var v] ? v : null,
            trial.IntermediateValues.OrderBy(kv => kv.Key),
            trial.IntermediateVectors.OrderBy(kv => kv.Key),
            trial.UserAttrs.OrderBy(kv => kv.Key, StringComparer.Ordinal));

        public string Describe(int number) => Describe(number, State, X, Started, Completed, Value, Steps, Vectors, Attrs);

        public void Apply(TrialUpdate update)
        {
            foreach (var (step, value) in update.IntermediateValues)
            {
                Steps[step] = value;
                Vectors.Remove(step);
            }

            foreach (var (step, vector) in update.IntermediateVectors)
            {
                Steps[step] = vector[0];
                Vectors[step] = vector;
            }

            foreach (var (key, value) in update.UserAttrs)
            {
                Attrs[key] = value;
            }

            if (update.State is { } state)
            {
                State = state;
                Completed = update.Completed;
                Value = update.Values is [var v] ? v : null;
            }
        }

        private static string Describe(
            int number,
            TrialState state,
            int? x,
            DateTimeOffset? started,
            DateTimeOffset? completed,
            double? value,
            IEnumerable<KeyValuePair<int, double>> steps,
            IEnumerable<KeyValuePair<int, IReadOnlyList<double>>> vectors,
            IEnumerable<KeyValuePair<string, object?>> attrs) =>
            FormattableString.Invariant(
                $"#{number} {state} x={x} started={started?.UtcTicks} completed={completed?.UtcTicks} value={value:R} steps=[{string.Join(";", steps.Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value:R}")))}] vectors=[{string.Join(";", vectors.Select(kv => FormattableString.Invariant($"{kv.Key}={string.Join(",", kv.Value.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}")))}] attrs=[{string.Join(";", attrs.Select(kv => kv.Key + "=" + TrialText.Attr(kv.Value)))}]");
    }
}

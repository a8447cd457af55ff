using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Hone.Distributions;
using Hone.Numerics;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;
using Hone.Trials;

namespace Hone.Studies;

/// <summary>
/// An optimization task: a set of trials in a storage, the directions of its objectives, and the sampler and pruner
/// that drive new trials.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Ask()"/>, <see cref="Tell(Trial, double)"/> and the readers may be called from several threads;
/// sampler calls are serialized by the study. Several processes may share one study through a SQLite or database
/// storage.
/// </remarks>
public sealed partial class Study
{
    /// <summary>How the reason of a trial failed as stale starts.</summary>
    private const string StaleReasonPrefix = "stale:";

    private readonly Lock _samplerLock = new();
    private readonly ConcurrentDictionary<long, Trial> _live = new();
    private readonly ConcurrentDictionary<Distribution, Distribution> _distributions = new();
    private readonly ConcurrentDictionary<(double, double, bool, double?), Distribution> _floatDistributions = new();
    private readonly ConcurrentDictionary<(int, int, bool, int), Distribution> _intDistributions = new();
    private int _parameterCountHint;
    private readonly StudyDirection[] _directions;
    private readonly Func<FrozenTrial, IReadOnlyList<double>>? _constraints;
    private readonly HeartbeatOptions? _heartbeat;
    private readonly RetryPolicy? _retry;
    private readonly Action<OnTrialFailedArguments>? _onTrialFailed;
    private readonly Action<OnTrialRetriedArguments>? _onTrialRetried;
    private volatile bool _stopRequested;

    private Study(
        IStorage storage,
        StudySummary summary,
        ISampler? sampler,
        IPruner? pruner,
        TimeProvider? timeProvider,
        Func<FrozenTrial, IReadOnlyList<double>>? constraints,
        StudyOptions? workers = null)
    {
        _constraints = constraints;
        if (workers is not null)
        {
            // Copied, so that changing the options after Create changes nothing, as for every other option.
            _heartbeat = workers.Heartbeat is { } h ? new HeartbeatOptions { Interval = h.Interval, GracePeriod = h.GracePeriod } : null;
            _retry = workers.Retry is { } r ? new RetryPolicy { MaxRetries = r.MaxRetries, ShouldRetry = r.ShouldRetry } : null;
            _onTrialFailed = workers.OnTrialFailed;
            _onTrialRetried = workers.OnTrialRetried;
        }

        Storage = storage;
        Id = summary.Id;
        Name = summary.Name;
        _directions = [.. summary.Directions];
        Sampler = sampler ?? new AutoSampler();
        Pruner = pruner ?? new NopPruner();
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A view of <paramref name="parent"/> that reads its trials through another storage; it shares the
    /// parent's running trials, so that they show their latest parameters.</summary>
    private Study(Study parent, IStorage storage)
        : this(storage, parent.Storage.GetStudy(parent.Id), parent.Sampler, parent.Pruner, parent.TimeProvider, parent._constraints, parent.WorkerOptions())
    {
        _live = parent._live;
        _distributions = parent._distributions;
    }

    /// <summary>The study name.</summary>
    public string Name { get; }

    /// <summary>The storage-wide study identifier.</summary>
    public long Id { get; }

    /// <summary>Where the study's trials are kept.</summary>
    public IStorage Storage { get; }

    /// <summary>The sampler that proposes parameters.</summary>
    public ISampler Sampler { get; }

    /// <summary>The pruner consulted by <see cref="Trial.ShouldPrune"/>.</summary>
    public IPruner Pruner { get; }

    /// <summary>The clock for trial times.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions => _directions;

    /// <summary>The direction of a single-objective study.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public StudyDirection Direction => _directions.Length == 1
        ? _directions[0]
        : throw new InvalidOperationException($"Study '{Name}' has {_directions.Length} objectives; use Directions.");

    /// <summary>All trials, in number order, running and waiting ones included.</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetAllTrials(Id);

    /// <summary>The user attributes of the study.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => Storage.GetStudy(Id).UserAttrs;

    /// <summary>The best complete trial of a single-objective study; with constraints, the best feasible one, or the least
    /// violating one when none is feasible.</summary>
    /// <exception cref="InvalidOperationException">No trial is complete yet, or the study has several objectives.</exception>
    public FrozenTrial BestTrial
    {
        get
        {
            var direction = Direction;
            FrozenTrial? best = null;
            foreach (var trial in Candidates())
            {
                if (best is null || IsBetter(trial.Value, best.Value, direction))
                {
                    best = trial;
                }
            }

            return best ?? throw new InvalidOperationException($"Study '{Name}' has no complete trial yet: run Optimize or Tell a result first.");
        }
    }

    /// <summary>The best objective value of a single-objective study.</summary>
    public double BestValue => BestTrial.Value;

    /// <summary>The parameters of the best trial of a single-objective study.</summary>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>The complete trials no other complete trial dominates (the Pareto front), in number order.</summary>
    /// <remarks>For one objective, the trials that share the best value. With constraints, the front of the feasible
    /// trials, or of the least violating ones when none is feasible.</remarks>
    public IReadOnlyList<FrozenTrial> BestTrials
    {
        get
        {
            var complete = Candidates();
            var minimized = complete.Select(t => ToMinimized(t.Values!)).ToList();
            return Pareto.NonDominated(minimized).Select(i => complete[i]).ToList();
        }
    }

    /// <summary>The hypervolume of the feasible complete trials: the size of the objective space their Pareto front
    /// dominates, up to a reference point. It grows whenever the front improves; see <see cref="ParetoFront"/>.</summary>
    /// <param name="reference">One value per objective, in the objectives' own units and directions (a maximized
    /// objective's reference is below its values). Trials not strictly better than it in every objective add nothing.
    /// Default: <see cref="ParetoFront.DefaultReference"/> of the feasible front, its worst values made worse by a tenth of
    /// its range; it moves with the front, so give a fixed reference to follow a study over time or to compare studies.</param>
    /// <returns>The hypervolume; 0 when no trial is complete and feasible (with constraints, <see cref="BestTrials"/> then
    /// lists the least violating trials, which do not count here).</returns>
    /// <exception cref="ArgumentException">The reference has another number of values than the study has objectives, or
    /// one that is not a finite number.</exception>
    public double Hypervolume(IReadOnlyList<double>? reference = null) =>
        ParetoFront.Hypervolume(Storage.GetAllTrials(Id, [TrialState.Complete]).Where(t => t.IsFeasible), _directions, reference);

    /// <summary>Creates a study, or loads it when <see cref="StudyOptions.LoadIfExists"/> is set and it exists.</summary>
    /// <param name="options">The options; default: an in-memory, single-objective, minimizing study.</param>
    /// <returns>The study.</returns>
    /// <exception cref="DuplicateStudyException">A study of that name exists and <see cref="StudyOptions.LoadIfExists"/> is not set.</exception>
    /// <exception cref="ArgumentException">No direction is given, a loaded study has other directions, the heartbeat or
    /// retry options are out of range, or the pruner judges one objective and the study has several.</exception>
    public static Study Create(StudyOptions? options = null)
    {
        options ??= new StudyOptions();
        if (options.Directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one direction, but Directions is empty. Add Minimize or Maximize.", nameof(options));
        }

        options.Heartbeat?.Validate();
        options.Retry?.Validate();
        CheckPruner(options.Name, options.Directions.Count, options.Pruner, nameof(options));

        var storage = options.Storage ?? new InMemoryStorage();
        var name = options.Name ?? $"study-{Guid.NewGuid():N}"[..18];
        var time = options.TimeProvider ?? TimeProvider.System;
        StudySummary summary;
        try
        {
            var id = storage.CreateStudy(name, [.. options.Directions], time.GetUtcNow());
            summary = storage.GetStudy(id);
        }
        catch (DuplicateStudyException) when (options.LoadIfExists)
        {
            summary = storage.GetStudy(name);
            if (!summary.Directions.SequenceEqual(options.Directions))
            {
                throw new ArgumentException(
                    $"Study '{name}' exists with directions [{string.Join(", ", summary.Directions)}], not [{string.Join(", ", options.Directions)}]. Use its directions or another name.",
                    nameof(options));
            }
        }

        return new Study(storage, summary, options.Sampler, options.Pruner, time, options.Constraints, options);
    }

    /// <summary>Loads an existing study to read it or to resume optimizing it.</summary>
    /// <param name="name">The study name.</param>
    /// <param name="storage">The storage that holds it.</param>
    /// <param name="sampler">The sampler for new trials; default <see cref="RandomSampler"/>.</param>
    /// <param name="pruner">The pruner; default <see cref="NopPruner"/>.</param>
    /// <param name="constraints">Evaluates the constraints of each finished trial, as <see cref="StudyOptions.Constraints"/>.</param>
    /// <returns>The study.</returns>
    /// <remarks>The loaded study sends no heartbeats and retries no failed trial. To resume a study that several workers
    /// share, use <see cref="Create"/> with <see cref="StudyOptions.LoadIfExists"/> and the other workers'
    /// <see cref="StudyOptions.Heartbeat"/> and <see cref="StudyOptions.Retry"/>.</remarks>
    /// <exception cref="StudyNotFoundException">No study has this name.</exception>
    /// <exception cref="ArgumentException">The pruner judges one objective and the study has several.</exception>
    public static Study Load(
        string name,
        IStorage storage,
        ISampler? sampler = null,
        IPruner? pruner = null,
        Func<FrozenTrial, IReadOnlyList<double>>? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var summary = storage.GetStudy(name);
        CheckPruner(name, summary.Directions.Count, pruner, nameof(pruner));
        return new Study(storage, summary, sampler, pruner, TimeProvider.System, constraints);
    }

    /// <summary>Reads the trials in the given states (all when none is given), in number order.</summary>
    /// <param name="states">The states to keep.</param>
    /// <returns>The trials.</returns>
    /// <remarks>
    /// Running trials of this process show the parameters suggested so far, even those not yet written to the
    /// storage, so that a sampler sees what parallel workers are evaluating.
    /// </remarks>
    public IReadOnlyList<FrozenTrial> GetTrials(params TrialState[] states)
    {
        var trials = Storage.GetAllTrials(Id, states.Length == 0 ? null : states);
        if (_live.IsEmpty || (states.Length > 0 && !states.Contains(TrialState.Running)))
        {
            return trials;
        }

        var overlaid = new List<FrozenTrial>(trials.Count);
        foreach (var trial in trials)
        {
            overlaid.Add(trial.State == TrialState.Running && _live.TryGetValue(trial.Id, out var live) ? live.Snapshot() : trial);
        }

        return overlaid;
    }

    /// <summary>Sets a user attribute of the study: any JSON-serializable value.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value.</param>
    public void SetUserAttr(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Storage.SetStudyAttr(Id, key, value);
    }

    /// <summary>Hone's own study attributes, such as a sampler's saved state.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs => Storage.GetStudy(Id).SystemAttrs;

    /// <summary>Sets one of Hone's own study attributes, such as a sampler's state that must survive a restart.</summary>
    /// <param name="key">The attribute name; samplers prefix theirs.</param>
    /// <param name="value">Any JSON-serializable value.</param>
    public void SetSystemAttr(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Storage.SetStudyAttr(Id, key, value, system: true);
    }

    /// <summary>Asks the study to start no new trial in a running <c>Optimize</c>; running trials finish.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>Starts a trial for a loop the caller drives: evaluate it, then <see cref="Tell(Trial, double)"/> its result.</summary>
    /// <returns>The running trial; an enqueued one first, if any waits.</returns>
    /// <remarks>With <see cref="StudyOptions.Heartbeat"/>, first fails (and retries) the stale trials of dead workers.</remarks>
    public Trial Ask() => Start(int.MaxValue, null)!;

    /// <summary>Starts a trial and suggests the given parameters at once.</summary>
    /// <param name="fixedDistributions">Parameters to suggest now, by name; read them from <see cref="Trial.Params"/>.</param>
    /// <returns>The running trial.</returns>
    public Trial Ask(IReadOnlyDictionary<string, Distribution>? fixedDistributions) => Start(int.MaxValue, fixedDistributions)!;

    /// <summary>Starts a trial unless the study already has <paramref name="totalTrials"/> trials: the study-wide budget
    /// that workers sharing the study respect together (see <see cref="OptimizeOptions.TotalTrials"/>).</summary>
    /// <param name="totalTrials">How many trials the study should have in all.</param>
    /// <returns>The running trial (a waiting one first, whatever the count), or <see langword="null"/> when the study is full.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalTrials"/> is negative.</exception>
    public Trial? TryAsk(int totalTrials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalTrials);
        return Start(totalTrials, null);
    }

    /// <summary>Fails the running trials whose worker sent no heartbeat for longer than the grace period, calls
    /// <see cref="StudyOptions.OnTrialFailed"/> for each, and retries them as <see cref="StudyOptions.Retry"/> says.</summary>
    /// <returns>The trials this call failed; each stale trial is failed by exactly one caller across workers. Empty
    /// without <see cref="StudyOptions.Heartbeat"/>.</returns>
    /// <remarks>Every ask calls it; call it to clean up a study no worker runs.</remarks>
    public IReadOnlyList<FrozenTrial> FailStaleTrials()
    {
        if (_heartbeat is not { } heartbeat)
        {
            return [];
        }

        var now = TimeProvider.GetUtcNow();
        var update = new TrialUpdate
        {
            State = TrialState.Failed,
            Completed = now,
            SystemAttrs =
            [
                KeyValuePair.Create<string, object?>(FrozenTrial.FailReasonKey, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{StaleReasonPrefix} its worker sent no heartbeat for {heartbeat.GracePeriod.TotalSeconds:0.###} s (killed, crashed, or cut off from the storage).")),
            ],
        };
        var failed = Storage.FailStaleTrials(Id, now - heartbeat.GracePeriod, update);
        foreach (var trial in failed)
        {
            // A trial of this process that stalled past the grace period is over too: its heartbeat stops here.
            if (_live.TryGetValue(trial.Id, out var live))
            {
                Release(live);
            }

            OnFailed(trial, TrialFailureKind.Stale);
        }

        return failed;
    }

    /// <summary>Queues the parameters of a failed trial to run again, ahead of sampled trials, whatever the retry policy:
    /// how a stopped run hands its interrupted trials to the next one.</summary>
    /// <param name="trialNumber">The number of a failed trial.</param>
    /// <returns>The waiting retry, with <see cref="FrozenTrial.RetryOf"/> and <see cref="FrozenTrial.Attempt"/> set; or
    /// <see langword="null"/> when the trial was retried before (by any worker).</returns>
    /// <exception cref="TrialNotFoundException">The study has no such trial.</exception>
    /// <exception cref="ArgumentException">The trial has not failed.</exception>
    public FrozenTrial? Retry(int trialNumber)
    {
        var failed = Storage.GetTrial(Id, trialNumber);
        return failed.State == TrialState.Failed
            ? Requeue(failed)
            : throw new ArgumentException($"Only failed trials are retried, but trial {trialNumber} is {failed.State}.", nameof(trialNumber));
    }

    /// <summary>Ends a trial with its objective value.</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="value">The objective value; NaN or infinity fails the trial.</param>
    /// <returns>The stored trial.</returns>
    /// <exception cref="TrialAlreadyFinishedException">The trial was told before.</exception>
    /// <exception cref="ArgumentException">The study has several objectives.</exception>
    public FrozenTrial Tell(Trial trial, double value) => Tell(trial, [value]);

    /// <summary>Ends a trial with one value per objective.</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="values">One value per direction; NaN or infinity fails the trial.</param>
    /// <returns>The stored trial.</returns>
    /// <exception cref="TrialAlreadyFinishedException">The trial was told before.</exception>
    /// <exception cref="ArgumentException">The number of values differs from the number of directions; the trial is unchanged.</exception>
    public FrozenTrial Tell(Trial trial, IReadOnlyList<double> values) => Tell(trial, values, null);

    /// <summary>Ends a trial with one value per objective and its constraint values (each &lt;= 0 when satisfied).</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="values">One value per direction; NaN or infinity fails the trial.</param>
    /// <param name="constraints">Constraint values, each &lt;= 0 when satisfied; overrides <see cref="StudyOptions.Constraints"/>.</param>
    /// <returns>The stored trial.</returns>
    /// <exception cref="TrialAlreadyFinishedException">The trial was told before.</exception>
    /// <exception cref="ArgumentException">The number of values differs from the number of directions, or a constraint is NaN; the trial is unchanged.</exception>
    public FrozenTrial Tell(Trial trial, IReadOnlyList<double> values, IReadOnlyList<double>? constraints)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(values);
        CheckValueCount(trial.Number, values);
        if (constraints is not null)
        {
            CheckConstraints(trial.Number, constraints);
        }

        return Finish(trial, values, constraints);
    }

    /// <summary>Ends a trial as pruned or failed.</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="state"><see cref="TrialState.Pruned"/> or <see cref="TrialState.Failed"/>.</param>
    /// <param name="reason">Why, kept with a failed trial.</param>
    /// <returns>The stored trial.</returns>
    /// <exception cref="TrialAlreadyFinishedException">The trial was told before.</exception>
    public FrozenTrial Tell(Trial trial, TrialState state, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (state is not (TrialState.Pruned or TrialState.Failed))
        {
            throw new ArgumentException($"Tell takes Pruned or Failed without values, but got {state}. Tell values to complete a trial.", nameof(state));
        }

        return Finish(trial, state, null, reason);
    }

    /// <summary>Ends a trial, named by its number, with its objective value.</summary>
    /// <param name="trialNumber">The trial number.</param>
    /// <param name="value">The objective value.</param>
    /// <returns>The stored trial.</returns>
    /// <exception cref="TrialNotFoundException">The study has no such trial.</exception>
    /// <exception cref="TrialAlreadyFinishedException">The trial was told before.</exception>
    public FrozenTrial Tell(int trialNumber, double value) => Tell(Resume(trialNumber), [value]);

    /// <summary>Ends a trial, named by its number, with one value per objective.</summary>
    /// <param name="trialNumber">The trial number.</param>
    /// <param name="values">One value per direction.</param>
    /// <returns>The stored trial.</returns>
    /// <exception cref="TrialNotFoundException">The study has no such trial.</exception>
    /// <exception cref="TrialAlreadyFinishedException">The trial was told before.</exception>
    public FrozenTrial Tell(int trialNumber, IReadOnlyList<double> values) => Tell(Resume(trialNumber), values);

    /// <summary>Ends a trial, named by its number, as pruned or failed.</summary>
    /// <param name="trialNumber">The trial number.</param>
    /// <param name="state"><see cref="TrialState.Pruned"/> or <see cref="TrialState.Failed"/>.</param>
    /// <param name="reason">Why, kept with a failed trial.</param>
    /// <returns>The stored trial.</returns>
    public FrozenTrial Tell(int trialNumber, TrialState state, string? reason = null) => Tell(Resume(trialNumber), state, reason);

    /// <summary>Queues a trial with fixed parameters, to run before sampled ones. Parameters it leaves out are sampled.</summary>
    /// <param name="parameters">Parameter values by name, as the objective's <c>Suggest</c> calls would return them.</param>
    /// <param name="userAttrs">User attributes for the trial.</param>
    /// <param name="skipIfExists">Skip when a trial with the same fixed parameters is already queued, running or finished.</param>
    /// <returns>The waiting trial, or <see langword="null"/> when skipped.</returns>
    public FrozenTrial? EnqueueTrial(
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, object?>? userAttrs = null,
        bool skipIfExists = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (skipIfExists && Storage.GetAllTrials(Id).Any(t => SameFixedParams(t, parameters)))
        {
            return null;
        }

        var initial = new TrialUpdate
        {
            SystemAttrs = [KeyValuePair.Create<string, object?>(EnqueuedParams.Key, EnqueuedParams.Write(parameters))],
            UserAttrs = userAttrs?.ToList() ?? [],
        };
        return Storage.CreateTrial(Id, TrialState.Waiting, initial, TimeProvider.GetUtcNow());
    }

    /// <summary>Starts a trial with parameters and system attributes its caller chose, without the sampler, which neither
    /// starts nor ends it: for drivers such as population-based training that choose every parameter themselves.</summary>
    /// <param name="initial">The trial's parameters and attributes.</param>
    /// <returns>The running trial.</returns>
    internal Trial StartChosen(TrialUpdate initial)
    {
        var trial = new Trial(this, Storage.CreateTrial(Id, TrialState.Running, initial, TimeProvider.GetUtcNow())) { IsChosen = true };
        _live[trial.Id] = trial;
        return trial;
    }

    /// <summary>A read view of this study that keeps only the trials <paramref name="keep"/> accepts, for a sampler that
    /// must learn from a subset of the trials (one Hyperband bracket). Only its readers are meant to be used.</summary>
    internal Study Filtered(Func<FrozenTrial, bool> keep) => new(this, new FilteredStorage(Storage, Id, keep));

    /// <summary>Sets a system attribute of a running trial: how a pruner keeps its bookkeeping (the rungs a trial has
    /// reached). Written at once when <paramref name="now"/> is set, so that other workers see it; otherwise with the
    /// trial's next batch.</summary>
    internal void SetTrialSystemAttr(long trialId, string key, object? value, bool now)
    {
        if (_live.TryGetValue(trialId, out var live))
        {
            live.SetSystemAttr(key, value);
            if (now)
            {
                live.Flush();
            }
        }
        else
        {
            Storage.UpdateTrial(trialId, new TrialUpdate { SystemAttrs = [KeyValuePair.Create(key, AttributeValues.Normalize(value))] });
        }
    }

    /// <summary>One shared instance per distinct distribution, so a study of many trials keeps each distribution once.</summary>
    internal Distribution Intern(Distribution distribution) => _distributions.GetOrAdd(distribution, distribution);

    /// <summary>The interned float distribution with these arguments, built (and validated) only the first time: objectives
    /// suggest the same parameters on every trial.</summary>
    internal Distribution FloatDistributionFor(double low, double high, bool log, double? step) =>
        _floatDistributions.TryGetValue((low, high, log, step), out var known)
            ? known
            : _floatDistributions.GetOrAdd((low, high, log, step), Intern(new FloatDistribution(low, high, log, step)));

    /// <summary>The interned int distribution with these arguments; see <see cref="FloatDistributionFor"/>.</summary>
    internal Distribution IntDistributionFor(int low, int high, bool log, int step) =>
        _intDistributions.TryGetValue((low, high, log, step), out var known)
            ? known
            : _intDistributions.GetOrAdd((low, high, log, step), Intern(new IntDistribution(low, high, log, step)));

    /// <summary>How many parameters the last finished trial had: new trials size their lists by it.</summary>
    internal int ParameterCountHint => Volatile.Read(ref _parameterCountHint);

    /// <summary>Asks the sampler, under the sampler lock, whether it has anything left to propose.</summary>
    internal bool IsSamplerExhausted()
    {
        lock (_samplerLock)
        {
            return Sampler.IsExhausted(this);
        }
    }

    /// <summary>Samples one parameter through the sampler, under the sampler lock.</summary>
    internal double SampleIndependent(Trial trial, string name, Distribution distribution)
    {
        lock (_samplerLock)
        {
            return Sampler.SampleIndependent(this, trial, name, distribution);
        }
    }

    /// <summary>Whether value <paramref name="a"/> beats <paramref name="b"/> in a direction.</summary>
    internal static bool IsBetter(double a, double b, StudyDirection direction) =>
        direction == StudyDirection.Minimize ? a < b : a > b;

    /// <summary>The options of the workers' mechanisms, for a view of this study.</summary>
    private StudyOptions WorkerOptions() => new()
    {
        Heartbeat = _heartbeat,
        Retry = _retry,
        OnTrialFailed = _onTrialFailed,
        OnTrialRetried = _onTrialRetried,
    };

    /// <summary>Starts a trial (after failing stale ones) unless the study has <paramref name="maxTrials"/>.</summary>
    private Trial? Start(int maxTrials, IReadOnlyDictionary<string, Distribution>? fixedDistributions)
    {
        FailStaleTrials();
        if (Storage.TryStartTrial(Id, TimeProvider.GetUtcNow(), maxTrials, _heartbeat is not null) is not { } record)
        {
            return null;
        }

        var trial = new Trial(this, record);
        _live[trial.Id] = trial;
        if (_heartbeat is { } heartbeat)
        {
            trial.StartHeartbeat(heartbeat.Interval);
        }

        try
        {
            lock (_samplerLock)
            {
                Sampler.BeforeTrial(this, trial);
                var space = Sampler.InferRelativeSearchSpace(this, trial);
                if (space.Count > 0)
                {
                    trial.SetRelative(space, Sampler.SampleRelative(this, trial, space));
                }
            }
        }
        catch (Exception e)
        {
            // The trial exists in the storage already: record why it never ran rather than leave it running.
            Finish(trial, TrialState.Failed, null, $"The sampler could not start the trial: {e.Message}");
            throw;
        }

        if (fixedDistributions is not null)
        {
            foreach (var (name, distribution) in fixedDistributions)
            {
                trial.Suggest(name, distribution);
            }
        }

        return trial;
    }

    /// <summary>Lets go of a running trial that another worker finished (failed as stale): its heartbeat stops and the
    /// study no longer lists it as live. Telling it later reports that it is finished.</summary>
    internal void Release(Trial trial)
    {
        trial.StopHeartbeat();
        _live.TryRemove(KeyValuePair.Create(trial.Id, trial));
    }

    /// <summary>Marks a trial over in this process: no more heartbeats, no more changes.</summary>
    private void Forget(Trial trial)
    {
        trial.IsFinished = true;
        trial.StopHeartbeat();
        _live.TryRemove(trial.Id, out _);
    }

    /// <summary>Tells the callback of a failed trial, then retries it if the policy says so.</summary>
    private void OnFailed(FrozenTrial failed, TrialFailureKind kind)
    {
        var arguments = new OnTrialFailedArguments(this, failed, kind);
        _onTrialFailed?.Invoke(arguments);
        if (_retry is { } policy && failed.Attempt <= policy.MaxRetries && policy.ShouldRetry(arguments))
        {
            Requeue(failed);
        }
    }

    /// <summary>Queues a failed trial's parameters as a waiting trial with its lineage, once per failed trial.</summary>
    private FrozenTrial? Requeue(FrozenTrial failed)
    {
        var initial = new TrialUpdate
        {
            SystemAttrs =
            [
                KeyValuePair.Create<string, object?>(EnqueuedParams.Key, EnqueuedParams.Write(failed.Params)),
                KeyValuePair.Create<string, object?>(FrozenTrial.RetryOfKey, (long)failed.Number),
                KeyValuePair.Create<string, object?>(FrozenTrial.AttemptKey, (long)failed.Attempt + 1),
            ],
        };

        // Of the workers that may retry this failure, the one that claims it creates the retry, in the same step: the claim
        // takes the failed trial out of the study-wide count as the retry enters it, so no starter sees the count short.
        if (Storage.TryCreateTrial(Id, RetryClaim.For(failed.Number), TrialState.Waiting, initial, TimeProvider.GetUtcNow()) is not { } retry)
        {
            return null;
        }

        _onTrialRetried?.Invoke(new OnTrialRetriedArguments(this, failed, retry));
        return retry;
    }

    private FrozenTrial Finish(Trial trial, IReadOnlyList<double> values, IReadOnlyList<double>? constraints = null)
    {
        return values.All(double.IsFinite)
            ? Finish(trial, TrialState.Complete, [.. values], null, constraints)
            : Finish(trial, TrialState.Failed, null, string.Create(CultureInfo.InvariantCulture, $"The objective returned {FormatValues(values)}; values must be finite numbers."));
    }

    private FrozenTrial Finish(Trial trial, TrialState state, double[]? values, string? reason, IReadOnlyList<double>? constraints = null)
    {
        if (trial.Study != this)
        {
            throw new ArgumentException($"Trial {trial.Number} belongs to study '{trial.Study.Name}', not '{Name}'.", nameof(trial));
        }

        if (trial.IsFinished)
        {
            throw new TrialAlreadyFinishedException($"Trial {trial.Number} has already been told its result: Tell each trial exactly once.");
        }

        var systemAttrs = new List<KeyValuePair<string, object?>>();
        if (reason is not null)
        {
            systemAttrs.Add(KeyValuePair.Create<string, object?>(FrozenTrial.FailReasonKey, reason));
        }

        constraints ??= state is TrialState.Complete or TrialState.Pruned && _constraints is { } evaluate
            ? evaluate(trial.Snapshot() with { State = state, Values = values })
            : null;
        if (constraints is not null)
        {
            systemAttrs.Add(KeyValuePair.Create<string, object?>(FrozenTrial.ConstraintsKey, CheckConstraints(trial.Number, constraints)));
        }

        Exception? samplerError = null;
        if (!trial.IsChosen)
        {
            lock (_samplerLock)
            {
                try
                {
                    Sampler.AfterTrial(this, trial, state, values);
                }
                catch (Exception e)
                {
                    // Store the trial as failed rather than leave it running forever, then report the error.
                    samplerError = e;
                    (state, values) = (TrialState.Failed, null);
                    systemAttrs = [KeyValuePair.Create<string, object?>(FrozenTrial.FailReasonKey, $"The sampler rejected the trial: {e.Message}")];
                }
            }
        }

        var pending = trial.TakePending();
        var update = pending with
        {
            State = state,
            Values = values,
            Completed = TimeProvider.GetUtcNow(),
            SystemAttrs = [.. pending.SystemAttrs, .. systemAttrs],
        };
        FrozenTrial stored;
        try
        {
            stored = trial.Write(update);
        }
        catch (TrialAlreadyFinishedException)
        {
            // Another worker failed the trial as stale meanwhile (this worker lost the storage for too long): it is over.
            Forget(trial);
            throw;
        }

        Forget(trial);
        Volatile.Write(ref _parameterCountHint, stored.Params.Count);
        if (stored.State == TrialState.Failed)
        {
            OnFailed(stored, TrialFailureKind.Error);
        }

        if (samplerError is not null)
        {
            ExceptionDispatchInfo.Throw(samplerError);
        }

        return stored;
    }

    private Trial Resume(int trialNumber)
    {
        var record = Storage.GetTrial(Id, trialNumber);
        if (_live.TryGetValue(record.Id, out var live))
        {
            return live;
        }

        if (record.State.IsFinished())
        {
            throw TrialAlreadyFinishedException.For(record.Number, record.State);
        }

        if (record.State == TrialState.Waiting)
        {
            throw new ArgumentException($"Trial {trialNumber} is waiting and has not been asked yet; Ask for it before telling its result.", nameof(trialNumber));
        }

        return new Trial(this, record);
    }

    private static double[] CheckConstraints(int number, IReadOnlyList<double> constraints)
    {
        if (constraints.Any(double.IsNaN))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Constraint values of trial {number} must be numbers, but got {FormatValues(constraints)}. Return <= 0 for a satisfied constraint, > 0 for its violation."));
        }

        return [.. constraints];
    }

    private void CheckValueCount(int number, IReadOnlyList<double> values)
    {
        if (values.Count != _directions.Length)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Study '{Name}' has {_directions.Length} objective(s), but {values.Count} value(s) were told for trial {number}. Tell one value per direction."));
        }
    }

    /// <summary>The complete trials best trials are chosen from: the feasible ones, else those of least violation.</summary>
    private IReadOnlyList<FrozenTrial> Candidates()
    {
        var complete = Storage.GetAllTrials(Id, [TrialState.Complete]);
        if (complete.All(t => t.IsFeasible))
        {
            return complete;
        }

        var feasible = complete.Where(t => t.IsFeasible).ToList();
        if (feasible.Count > 0)
        {
            return feasible;
        }

        var least = complete.Min(t => t.Violation);
        return complete.Where(t => t.Violation == least).ToList();
    }

    private double[] ToMinimized(IReadOnlyList<double> values)
    {
        var result = new double[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _directions[i] == StudyDirection.Minimize ? values[i] : -values[i];
        }

        return result;
    }

    private static bool SameFixedParams(FrozenTrial trial, IReadOnlyDictionary<string, object?> parameters)
    {
        var existing = EnqueuedParams.Read(trial.SystemAttrs);
        return existing.Count == parameters.Count
            && parameters.All(p => existing.TryGetValue(p.Key, out var v) && Equals(v, EnqueuedParams.Normalize(p.Value)));
    }

    /// <summary>Refuses a pruner that judges one objective for a study of several, before anything is stored.</summary>
    private static void CheckPruner(string? name, int objectives, IPruner? pruner, string parameter)
    {
        if (objectives > 1 && pruner is ISingleObjectivePruner)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{pruner.GetType().Name} judges one objective, but {(name is null ? "the study" : $"study '{name}'")} has {objectives}. Use ParetoMedianPruner or ParetoSuccessiveHalvingPruner, which rank the trials' intermediate vectors by Pareto dominance, or no pruner."),
                parameter);
        }
    }

    private static string FormatValues(IReadOnlyList<double> values) =>
        values.Count == 1
            ? values[0].ToString(CultureInfo.InvariantCulture)
            : "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
}

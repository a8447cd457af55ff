using System.Globalization;
using Hone.Distributions;
using Hone.Pruners;
using Hone.Storages;
using Hone.Studies;

namespace Hone.Trials;

/// <summary>
/// A running trial: the objective asks it for parameter values (define-by-run), reports intermediate values to it
/// and asks it whether to stop early.
/// </summary>
/// <remarks>
/// One objective call owns a trial: it is not meant to be shared between threads, though the study may take a
/// <see cref="Snapshot"/> of it from another thread to show samplers what is running. Suggested parameters,
/// intermediate values and attributes are kept here and written to the storage in batches: at each
/// <see cref="Report(double, int)"/> and when the trial is told its result.
/// </remarks>
public sealed class Trial
{
    private readonly Lock _gate = new();
    private readonly List<string> _names;
    private readonly List<Distribution> _distributions;
    private readonly List<double> _values;
    private readonly Dictionary<int, double> _intermediateValues = [];
    private readonly Dictionary<int, IReadOnlyList<double>> _intermediateVectors = [];
    private readonly Dictionary<string, object?> _userAttrs = [];
    private readonly IReadOnlyDictionary<string, object?> _fixedParams;
    private readonly List<KeyValuePair<int, double>> _pendingIntermediateValues = [];
    private readonly List<KeyValuePair<int, IReadOnlyList<double>>> _pendingIntermediateVectors = [];
    private readonly List<KeyValuePair<string, object?>> _pendingUserAttrs = [];
    private readonly List<KeyValuePair<string, object?>> _pendingSystemAttrs = [];
    private readonly Dictionary<string, object?> _systemAttrs = [];
    private IReadOnlyDictionary<string, Distribution> _relativeSpace = EmptySpace;
    private IReadOnlyDictionary<string, double> _relativeValues = EmptyValues;

    /// <summary>How many of the parameters the storage has; those after it are written with the next batch.</summary>
    private int _storedParams;

    /// <summary>Held while the trial writes to the storage, so that the heartbeat's writes and the trial's own never run
    /// at once (they would wait on each other's row lock in a database).</summary>
    private readonly Lock _writeGate = new();

    /// <summary>How many parameters the heartbeat has written ahead of the trial's own batches.</summary>
    private int _beatParams;

    /// <summary>1 while a heartbeat runs: a slow storage must not pile up timer callbacks.</summary>
    private int _beating;

    /// <summary>The heartbeat timer while the trial runs with heartbeats.</summary>
    private ITimer? _heartbeat;

    /// <summary>The parameters as a set, built on demand and kept until the next suggestion.</summary>
    private ParameterSet? _params;

    /// <summary>The last snapshot, kept until anything changes: a pruner asks for one at every report.</summary>
    private FrozenTrial? _snapshot;

    /// <summary>The last step and best values of <see cref="_intermediateValues"/>, kept as values are reported.</summary>
    private StepSummary _steps = StepSummary.Empty;

    /// <summary>The copies of the attributes the last snapshot handed out, kept until an attribute changes: the
    /// snapshot at every report needs fresh intermediate values only.</summary>
    private IReadOnlyDictionary<string, object?>? _userAttrsCopy;

    /// <inheritdoc cref="_userAttrsCopy"/>
    private IReadOnlyDictionary<string, object?>? _systemAttrsCopy;

    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> EmptyValues = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<int, IReadOnlyList<double>> NoVectors = new Dictionary<int, IReadOnlyList<double>>();

    internal Trial(Study study, FrozenTrial record)
    {
        Study = study;
        Id = record.Id;
        Number = record.Number;
        Started = record.Started;
        _fixedParams = EnqueuedParams.Read(record.SystemAttrs);

        // Trials of a study mostly have as many parameters as the previous one: sized so, the lists never grow.
        var capacity = Math.Max(record.Params.Count, study.ParameterCountHint);
        _names = new List<string>(capacity);
        _distributions = new List<Distribution>(capacity);
        _values = new List<double>(capacity);
        foreach (var (name, distribution, value) in record.Params.Entries())
        {
            Add(name, distribution, value);
        }

        _storedParams = _names.Count;

        foreach (var (key, value) in record.UserAttrs)
        {
            _userAttrs[key] = value;
        }

        foreach (var (key, value) in record.SystemAttrs)
        {
            _systemAttrs[key] = value;
        }

        foreach (var (step, value) in record.IntermediateValues)
        {
            _intermediateValues[step] = value;
        }

        _steps = StepSummary.Of(_intermediateValues);

        foreach (var (step, vector) in record.IntermediateVectors)
        {
            _intermediateVectors[step] = vector;
        }
    }

    /// <summary>The study the trial belongs to.</summary>
    public Study Study { get; }

    /// <summary>The storage-wide trial identifier.</summary>
    public long Id { get; }

    /// <summary>The trial's number within its study.</summary>
    public int Number { get; }

    /// <summary>When the trial started.</summary>
    public DateTimeOffset? Started { get; }

    /// <summary>Whether the trial has been told its result.</summary>
    public bool IsFinished { get; internal set; }

    /// <summary>Whether the caller chose the trial's parameters without the sampler (<see cref="Study.StartChosen"/>).</summary>
    internal bool IsChosen { get; init; }

    /// <summary>The parameters suggested so far, as external values.</summary>
    public ParameterSet Params
    {
        get
        {
            lock (_gate)
            {
                return CurrentParams();
            }
        }
    }

    /// <summary>The intermediate values reported so far, by step; in a multi-objective study, the first objective's.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues => _intermediateValues;

    /// <summary>The intermediate vectors reported so far in a multi-objective study, by step.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<double>> IntermediateVectors => _intermediateVectors;

    /// <summary>The user attributes set so far.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => _userAttrs;

    /// <summary>The parameters fixed for this trial by <see cref="Study.EnqueueTrial"/>.</summary>
    public IReadOnlyDictionary<string, object?> FixedParams => _fixedParams;

    /// <summary>Suggests a real value.</summary>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, included.</param>
    /// <param name="log">Whether to search on a log scale (needs <paramref name="low"/> &gt; 0).</param>
    /// <param name="step">A grid spacing that divides the range, or <see langword="null"/> for a continuous value.</param>
    /// <returns>A value in <c>[low, high]</c>.</returns>
    /// <exception cref="ArgumentException">The bounds are invalid, or the name was suggested before with another distribution.</exception>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        SuggestInternal(name, Study.FloatDistributionFor(low, high, log, step));

    /// <summary>Suggests an integer.</summary>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, included.</param>
    /// <param name="log">Whether to search on a log scale (needs <paramref name="low"/> &gt;= 1).</param>
    /// <param name="step">The spacing between admissible values; must divide the range.</param>
    /// <returns>A value in <c>[low, high]</c>.</returns>
    /// <exception cref="ArgumentException">The bounds are invalid, or the name was suggested before with another distribution.</exception>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1) =>
        (int)Math.Round(SuggestInternal(name, Study.IntDistributionFor(low, high, log, step)));

    /// <summary>Suggests one of a list of choices.</summary>
    /// <typeparam name="T">The choice type: strings, numbers, booleans, enums, or nullable ones.</typeparam>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="choices">The choices.</param>
    /// <returns>One of <paramref name="choices"/>, the very object passed in.</returns>
    /// <exception cref="ArgumentException">The list is empty, or the name was suggested before with other choices.</exception>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var distribution = new CategoricalDistribution(choices.Select(c => (object?)c).ToArray());
        var index = (int)SuggestInternal(name, distribution);
        return choices[index];
    }

    /// <summary>Suggests a value of any distribution; the declarative form behind <see cref="SearchSpaces.SearchSpace"/>.</summary>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="distribution">The distribution.</param>
    /// <returns>The external value: a <see cref="double"/>, an <see cref="int"/> or a (normalized) categorical choice.</returns>
    /// <exception cref="ArgumentException">The name was suggested before with another distribution.</exception>
    public object? Suggest(string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return distribution.ToExternal(SuggestInternal(name, distribution));
    }

    /// <summary>Reports an intermediate objective value, such as the validation score after an epoch.</summary>
    /// <param name="value">The value; NaN and infinities are kept. The median and percentile pruners prune a trial whose
    /// every value is NaN, the threshold pruner one whose last value is NaN, successive halving and Hyperband one with
    /// NaN at a rung; the patient and Wilcoxon pruners ignore NaN values and never prune for them.</param>
    /// <param name="step">The step (epoch, iteration, fold...), at least 0. Reporting a step again overwrites it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives: report a vector with
    /// <see cref="Report(IReadOnlyList{double}, int)"/>.</exception>
    /// <exception cref="TrialAlreadyFinishedException">The trial has ended.</exception>
    public void Report(double value, int step)
    {
        ThrowIfFinished();
        CheckStep(step);
        if (Study.Directions.Count > 1)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Report(value, step) takes one value, but study '{Study.Name}' has {Study.Directions.Count} objectives. Report one value per objective: Report([v0, v1, ...], step)."));
        }

        lock (_gate)
        {
            SetIntermediateValue(step, value);
        }

        _pendingIntermediateValues.Add(KeyValuePair.Create(step, value));
        Flush();
    }

    /// <summary>Reports intermediate values of every objective at a step, such as the validation error and the latency
    /// after an epoch: what the multi-objective pruners (<see cref="Pruners.ParetoMedianPruner"/>,
    /// <see cref="Pruners.ParetoSuccessiveHalvingPruner"/>) rank trials by.</summary>
    /// <param name="values">One value per objective, in the order of the study's directions; NaN and infinities are kept
    /// (the Pareto pruners prune a trial with a NaN value at the step they judge). In a single-objective study, the same
    /// as <see cref="Report(double, int)"/> with the one value.</param>
    /// <param name="step">The step (epoch, iteration, fold...), at least 0. Reporting a step again overwrites it.</param>
    /// <exception cref="ArgumentException">The number of values differs from the number of objectives.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative.</exception>
    /// <exception cref="TrialAlreadyFinishedException">The trial has ended.</exception>
    public void Report(IReadOnlyList<double> values, int step)
    {
        ArgumentNullException.ThrowIfNull(values);
        ThrowIfFinished();
        CheckStep(step);
        var objectives = Study.Directions.Count;
        if (values.Count != objectives)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Report got {values.Count} value(s) at step {step}, but study '{Study.Name}' has {objectives} objective(s). Report one value per objective, in the order of the study's directions."),
                nameof(values));
        }

        if (objectives == 1)
        {
            Report(values[0], step);
            return;
        }

        double[] vector = [.. values];
        lock (_gate)
        {
            SetIntermediateValue(step, vector[0]);
            _intermediateVectors[step] = vector;
        }

        _pendingIntermediateVectors.Add(KeyValuePair.Create(step, (IReadOnlyList<double>)vector));
        Flush();
    }

    /// <summary>Asks the study's pruner whether this trial should stop now.</summary>
    /// <returns><see langword="true"/> when the objective should throw <see cref="TrialPrunedException"/>.</returns>
    public bool ShouldPrune()
    {
        ThrowIfFinished();
        return Study.Pruner.Prune(Study, Snapshot());
    }

    /// <summary>Sets a user attribute: any JSON-serializable value.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value.</param>
    public void SetUserAttr(string key, object? value) => SetAttr(_userAttrs, _pendingUserAttrs, key, value);

    /// <summary>Sets one of Hone's own attributes on the trial, such as a sampler's bookkeeping (a generation number, a
    /// grid point). Written with the trial's next batch; visible in <see cref="FrozenTrial.SystemAttrs"/>.</summary>
    /// <param name="key">The attribute name; samplers prefix theirs (<c>grid:</c>, <c>cmaes:</c>).</param>
    /// <param name="value">Any JSON-serializable value.</param>
    public void SetSystemAttr(string key, object? value) => SetAttr(_systemAttrs, _pendingSystemAttrs, key, value);

    /// <summary>The system attributes so far: those stored with the trial and those set since.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs => _systemAttrs;

    /// <summary>The trial as it stands, as a record; safe to call from another thread while the objective runs.</summary>
    /// <returns>An immutable snapshot.</returns>
    public FrozenTrial Snapshot()
    {
        lock (_gate)
        {
            return _snapshot ??= new()
            {
                Id = Id,
                Number = Number,
                State = TrialState.Running,
                Started = Started,
                Params = CurrentParams(),
                IntermediateValues = new StepDictionary(_intermediateValues, _steps),
                IntermediateVectors = _intermediateVectors.Count == 0 ? NoVectors : new Dictionary<int, IReadOnlyList<double>>(_intermediateVectors),
                UserAttrs = _userAttrsCopy ??= new Dictionary<string, object?>(_userAttrs),
                SystemAttrs = _systemAttrsCopy ??= new Dictionary<string, object?>(_systemAttrs),
            };
        }
    }

    /// <summary>Sets the joint sample drawn when the trial started.</summary>
    internal void SetRelative(IReadOnlyDictionary<string, Distribution> space, IReadOnlyDictionary<string, double> values)
    {
        _relativeSpace = space;
        _relativeValues = values;
    }

    /// <summary>Takes everything not yet written, to be stored with the trial's end.</summary>
    internal TrialUpdate TakePending()
    {
        (string, Distribution, double)[] pendingParams;
        lock (_gate)
        {
            pendingParams = _names.Count == _storedParams ? [] : new (string, Distribution, double)[_names.Count - _storedParams];
            for (var i = 0; i < pendingParams.Length; i++)
            {
                pendingParams[i] = (_names[_storedParams + i], _distributions[_storedParams + i], _values[_storedParams + i]);
            }

            _storedParams = _names.Count;
        }

        return new TrialUpdate
        {
            Params = pendingParams,
            IntermediateValues = Drain(_pendingIntermediateValues),
            IntermediateVectors = Drain(_pendingIntermediateVectors),
            UserAttrs = Drain(_pendingUserAttrs),
            SystemAttrs = Drain(_pendingSystemAttrs),
        };
    }

    /// <summary>The pending changes of one kind, the list emptied; no allocation when there are none (a batch at every
    /// report mostly carries one kind).</summary>
    private static KeyValuePair<TKey, TValue>[] Drain<TKey, TValue>(List<KeyValuePair<TKey, TValue>> pending)
    {
        if (pending.Count == 0)
        {
            return [];
        }

        var changes = pending.ToArray();
        pending.Clear();
        return changes;
    }

    /// <summary>Starts recording a heartbeat every <paramref name="interval"/> on the study's clock.</summary>
    internal void StartHeartbeat(TimeSpan interval)
    {
        lock (_gate)
        {
            // The timer holds the trial weakly: a trial dropped unfinished with its study is collected and its timer ends,
            // so that it goes stale and is retried, instead of beating, and being kept alive by its timer, for ever.
            var target = new HeartbeatTarget(this);
            _heartbeat = Study.TimeProvider.CreateTimer(static state => ((HeartbeatTarget)state!).Beat(), target, interval, interval);
            target.Timer = _heartbeat;
        }
    }

    /// <summary>Stops the heartbeat; the trial has ended.</summary>
    internal void StopHeartbeat()
    {
        lock (_gate)
        {
            _heartbeat?.Dispose();
            _heartbeat = null;
        }
    }

    /// <summary>
    /// One heartbeat, on a timer thread: writes the parameters suggested since the last write, so that a retry of this
    /// trial after its worker dies runs the same ones, then records that the worker is alive.
    /// </summary>
    /// <remarks>The parameters stay pending for the trial's own next batch, which writes them again (storages keep the
    /// first value of a name): the objective's thread alone takes pending changes, so nothing is lost whichever write
    /// lands first.</remarks>
    private void Beat()
    {
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        try
        {
            // Parameters only when the trial is not writing itself (its batch carries them anyway).
            if (_writeGate.TryEnter())
            {
                try
                {
                    WriteUnstoredParams();
                }
                finally
                {
                    _writeGate.Exit();
                }
            }

            if (!Study.Storage.RecordHeartbeat(Id, Study.TimeProvider.GetUtcNow()))
            {
                // Finished: told meanwhile, or failed as stale by another worker.
                Study.Release(this);
            }
        }
        catch (TrialAlreadyFinishedException)
        {
            Study.Release(this);
        }
        catch (Exception e) when (e is StorageException or ObjectDisposedException or TrialNotFoundException)
        {
            // The storage is out of reach (its own retries ran out), closed, or the study deleted: a timer thread has no
            // caller to tell. The next beat tries again; the trial's own writes report the error to the objective.
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    private void WriteUnstoredParams()
    {
        (string, Distribution, double)[] unstored;
        int written;
        lock (_gate)
        {
            if (_heartbeat is null)
            {
                return;
            }

            var from = Math.Max(_storedParams, _beatParams);
            written = _names.Count;
            unstored = new (string, Distribution, double)[written - from];
            for (var i = 0; i < unstored.Length; i++)
            {
                unstored[i] = (_names[from + i], _distributions[from + i], _values[from + i]);
            }
        }

        if (unstored.Length > 0)
        {
            Study.Storage.UpdateTrial(Id, new TrialUpdate { Params = unstored });
            lock (_gate)
            {
                _beatParams = Math.Max(_beatParams, written);
            }
        }
    }

    /// <summary>Applies an update of this trial, never at the same time as a heartbeat's.</summary>
    internal FrozenTrial Write(TrialUpdate update)
    {
        lock (_writeGate)
        {
            return Study.Storage.UpdateTrial(Id, update);
        }
    }

    /// <summary>Writes pending changes to the storage now.</summary>
    internal void Flush()
    {
        var update = TakePending();
        if (!update.IsEmpty)
        {
            Write(update);
        }
    }

    private double SuggestInternal(string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfFinished();
        var existing = _names.IndexOf(name);
        if (existing >= 0)
        {
            if (!_distributions[existing].Equals(distribution))
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Parameter '{name}' was already suggested in trial {Number} as {_distributions[existing]}; it cannot be suggested again as {distribution}. Use the same distribution or another name."));
            }

            return _values[existing];
        }

        distribution = Study.Intern(distribution);
        var value = Choose(name, distribution);
        Add(name, distribution, value);
        return value;
    }

    private double Choose(string name, Distribution distribution)
    {
        if (_fixedParams.TryGetValue(name, out var fixedValue))
        {
            double internalValue;
            try
            {
                internalValue = distribution.ToInternal(fixedValue);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The enqueued value of '{name}' does not fit its distribution {distribution}: {e.Message}", e);
            }

            if (distribution.Contains(internalValue))
            {
                return internalValue;
            }

            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The enqueued value {fixedValue} of '{name}' lies outside {distribution}. Enqueue a value inside the distribution."));
        }

        if (_relativeValues.TryGetValue(name, out var relative)
            && _relativeSpace.TryGetValue(name, out var relativeDistribution)
            && relativeDistribution.Equals(distribution))
        {
            return relative;
        }

        if (distribution.IsSingle())
        {
            return distribution switch
            {
                FloatDistribution f => f.Low,
                IntDistribution i => i.Low,
                _ => 0,
            };
        }

        return Study.SampleIndependent(this, name, distribution);
    }

    private void SetAttr(Dictionary<string, object?> attrs, List<KeyValuePair<string, object?>> pending, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfFinished();
        var normalized = AttributeValues.Normalize(value);
        lock (_gate)
        {
            attrs[key] = normalized;
            _snapshot = null;
            _userAttrsCopy = null;
            _systemAttrsCopy = null;
        }

        pending.Add(KeyValuePair.Create(key, normalized));
    }

    /// <summary>Records an intermediate value; call under <see cref="_gate"/>.</summary>
    private void SetIntermediateValue(int step, double value)
    {
        if (_intermediateValues.TryAdd(step, value))
        {
            _steps.Add(step, value);
        }
        else
        {
            // A step reported again may have held the best value: summarize afresh (rare).
            _intermediateValues[step] = value;
            _steps = StepSummary.Of(_intermediateValues);
        }

        _snapshot = null;
    }

    /// <summary>The parameters as a set, built once per suggestion; call under <see cref="_gate"/>.</summary>
    private ParameterSet CurrentParams() => _params ??= new([.. _names], [.. _distributions], [.. _values]);

    private void Add(string name, Distribution distribution, double value)
    {
        lock (_gate)
        {
            _names.Add(name);
            _distributions.Add(distribution);
            _values.Add(value);
            _params = null;
            _snapshot = null;
        }
    }

    private static void CheckStep(int step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0.");
        }
    }

    private void ThrowIfFinished()
    {
        if (IsFinished)
        {
            throw new TrialAlreadyFinishedException($"Trial {Number} has already been told its result and cannot change.");
        }
    }

    /// <summary>What a heartbeat timer holds: the trial, weakly, and the timer, to end it once the trial is gone.</summary>
    private sealed class HeartbeatTarget(Trial trial)
    {
        private readonly WeakReference<Trial> _trial = new(trial);

        public ITimer? Timer { get; set; }

        public void Beat()
        {
            if (_trial.TryGetTarget(out var trial))
            {
                trial.Beat();
            }
            else
            {
                Timer?.Dispose();
            }
        }
    }
}

using Hone.Studies;
using Hone.Trials;

namespace Hone.Storages;

/// <summary>A storage that keeps everything in this process's memory: the fastest, and gone when the process ends.</summary>
/// <remarks>Thread-safe through one lock; records are replaced, never mutated, so readers may keep them.</remarks>
public sealed class InMemoryStorage : IStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, StudyRecord> _studies = [];
    private readonly Dictionary<string, long> _studyIdsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (long StudyId, int Number)> _trialLocations = [];
    private long _nextStudyId;
    private long _nextTrialId;

    /// <inheritdoc/>
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (_studyIdsByName.ContainsKey(name))
            {
                throw DuplicateStudyException.ForName(name);
            }

            var id = _nextStudyId++;
            _studies[id] = new StudyRecord(name, [.. directions], created);
            _studyIdsByName[name] = id;
            return id;
        }
    }

    /// <inheritdoc/>
    public StudySummary GetStudy(string name)
    {
        lock (_lock)
        {
            return _studyIdsByName.TryGetValue(name, out var id) ? Summarize(id) : throw StudyNotFoundException.ForName(name);
        }
    }

    /// <inheritdoc/>
    public StudySummary GetStudy(long studyId)
    {
        lock (_lock)
        {
            return Summarize(studyId);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<StudySummary> GetAllStudies()
    {
        lock (_lock)
        {
            return _studies.Keys.Order().Select(Summarize).ToList();
        }
    }

    /// <inheritdoc/>
    public void DeleteStudy(long studyId)
    {
        lock (_lock)
        {
            var study = Find(studyId);
            foreach (var trial in study.Trials)
            {
                _trialLocations.Remove(trial.Id);
            }

            _studies.Remove(studyId);
            _studyIdsByName.Remove(study.Name);
        }
    }

    /// <inheritdoc/>
    public void SetStudyAttr(long studyId, string key, object? value, bool system = false)
    {
        lock (_lock)
        {
            var study = Find(studyId);
            var change = new[] { KeyValuePair.Create(key, value) };
            if (system)
            {
                study.SystemAttrs = TrialUpdates.Merge(study.SystemAttrs, change);
            }
            else
            {
                study.UserAttrs = TrialUpdates.Merge(study.UserAttrs, change);
            }
        }
    }

    /// <inheritdoc/>
    public bool TryClaim(long studyId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return Claim(Find(studyId), key);
        }
    }

    /// <inheritdoc/>
    public bool IsClaimed(long studyId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return Find(studyId).Claims.Contains(key);
        }
    }

    /// <inheritdoc/>
    public IReadOnlySet<string> GetClaims(long studyId)
    {
        lock (_lock)
        {
            return new HashSet<string>(Find(studyId).Claims, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc/>
    public FrozenTrial CreateTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(initial);
        lock (_lock)
        {
            return Create(studyId, Find(studyId), state, initial, now);
        }
    }

    /// <inheritdoc/>
    public FrozenTrial? TryCreateTrial(long studyId, string key, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(initial);
        lock (_lock)
        {
            var study = Find(studyId);

            // The trial is built before the claim, so that an update it rejects claims nothing.
            var trial = Build(study, state, initial, now);
            if (!Claim(study, key))
            {
                return null;
            }

            Add(studyId, study, trial);
            return trial;
        }
    }

    /// <inheritdoc/>
    public FrozenTrial StartTrial(long studyId, DateTimeOffset now) => TryStartTrial(studyId, now, int.MaxValue, heartbeat: false)!;

    /// <inheritdoc/>
    public FrozenTrial? TryStartTrial(long studyId, DateTimeOffset now, int maxTrials, bool heartbeat)
    {
        lock (_lock)
        {
            var study = Find(studyId);
            FrozenTrial? started = null;
            while (started is null && study.Waiting.TryDequeue(out var number))
            {
                var waiting = study.Trials[number];
                if (waiting.State == TrialState.Waiting)
                {
                    started = waiting with { State = TrialState.Running, Started = now };
                    study.Trials[number] = started;
                }
            }

            if (started is null)
            {
                if (study.Trials.Count - study.RetryClaims >= maxTrials)
                {
                    return null;
                }

                started = new FrozenTrial { Id = _nextTrialId++, Number = study.Trials.Count, State = TrialState.Running, Started = now };
                study.Trials.Add(started);
                TrialSelection.Track(study.Unfinished, started.Number, finished: false);
                _trialLocations[started.Id] = (studyId, started.Number);
            }

            if (heartbeat)
            {
                study.Heartbeats[started.Number] = now;
            }

            return started;
        }
    }

    /// <inheritdoc/>
    public bool RecordHeartbeat(long trialId, DateTimeOffset now)
    {
        lock (_lock)
        {
            var (study, number) = Locate(trialId);
            if (study.Trials[number].State != TrialState.Running)
            {
                return false;
            }

            study.Heartbeats[number] = now;
            return true;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset heartbeatBefore, TrialUpdate update)
    {
        TrialUpdates.CheckStaleUpdate(update);
        lock (_lock)
        {
            var study = Find(studyId);
            var failed = new List<FrozenTrial>();
            foreach (var (number, beat) in study.Heartbeats.OrderBy(h => h.Key).ToList())
            {
                if (beat < heartbeatBefore && study.Trials[number].State == TrialState.Running)
                {
                    var updated = TrialUpdates.Apply(study.Trials[number], update);
                    study.Trials[number] = updated;
                    study.Finished.Add(updated);
                    TrialSelection.Track(study.Unfinished, number, finished: true);
                    study.Heartbeats.Remove(number);
                    failed.Add(updated);
                }
            }

            return failed;
        }
    }

    /// <inheritdoc/>
    public FrozenTrial UpdateTrial(long trialId, TrialUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            var (study, number) = Locate(trialId);
            var current = study.Trials[number];
            var updated = TrialUpdates.Apply(current, update);
            study.Trials[number] = updated;
            if (!current.State.IsFinished() && updated.State.IsFinished())
            {
                study.Finished.Add(updated);
                TrialSelection.Track(study.Unfinished, number, finished: true);
                study.Heartbeats.Remove(number);
            }

            return updated;
        }
    }

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long trialId)
    {
        lock (_lock)
        {
            var (study, number) = Locate(trialId);
            return study.Trials[number];
        }
    }

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long studyId, int number)
    {
        lock (_lock)
        {
            var study = Find(studyId);
            return number >= 0 && number < study.Trials.Count
                ? study.Trials[number]
                : throw new TrialNotFoundException($"Study '{study.Name}' has no trial {number}; its trials are numbered 0 to {study.Trials.Count - 1}.");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        lock (_lock)
        {
            var study = Find(studyId);
            return TrialSelection.InStates(study.Trials, study.Unfinished, states);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetFinishedTrials(long studyId, int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        lock (_lock)
        {
            var finished = Find(studyId).Finished;
            return TrialSelection.After(finished, start);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>Claims a key under the lock; a retry claim takes its trial out of the count.</summary>
    private static bool Claim(StudyRecord study, string key)
    {
        if (!study.Claims.Add(key))
        {
            return false;
        }

        if (RetryClaim.Is(key))
        {
            study.RetryClaims++;
        }

        return true;
    }

    /// <summary>Creates a trial under the lock.</summary>
    private FrozenTrial Create(long studyId, StudyRecord study, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        var trial = Build(study, state, initial, now);
        Add(studyId, study, trial);
        return trial;
    }

    /// <summary>The study's next trial, not yet added: its number is the study's count, its identifier not yet taken.</summary>
    private FrozenTrial Build(StudyRecord study, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        var blank = new FrozenTrial
        {
            Id = _nextTrialId,
            Number = study.Trials.Count,
            State = state,
            Started = state == TrialState.Running ? now : null,
        };
        return TrialUpdates.Apply(blank, initial with { State = null });
    }

    /// <summary>Adds a trial from <see cref="Build"/> under the same lock.</summary>
    private void Add(long studyId, StudyRecord study, FrozenTrial trial)
    {
        _nextTrialId++;
        study.Trials.Add(trial);
        TrialSelection.Track(study.Unfinished, trial.Number, trial.State.IsFinished());
        if (trial.State == TrialState.Waiting)
        {
            study.Waiting.Enqueue(trial.Number);
        }

        _trialLocations[trial.Id] = (studyId, trial.Number);
    }

    private StudyRecord Find(long studyId) =>
        _studies.TryGetValue(studyId, out var study) ? study : throw new StudyNotFoundException($"No study with id {studyId} in this storage.");

    private (StudyRecord Study, int Number) Locate(long trialId) =>
        _trialLocations.TryGetValue(trialId, out var location)
            ? (_studies[location.StudyId], location.Number)
            : throw new TrialNotFoundException($"No trial with id {trialId} in this storage.");

    private StudySummary Summarize(long studyId)
    {
        var study = Find(studyId);
        return new StudySummary(studyId, study.Name, study.Directions, study.UserAttrs, study.SystemAttrs, study.Trials.Count, study.Created);
    }

    private sealed class StudyRecord(string name, StudyDirection[] directions, DateTimeOffset created)
    {
        public string Name { get; } = name;

        public StudyDirection[] Directions { get; } = directions;

        public DateTimeOffset Created { get; } = created;

        public List<FrozenTrial> Trials { get; } = [];

        /// <summary>Finished trials in the order they finished.</summary>
        public List<FrozenTrial> Finished { get; } = [];

        /// <summary>The numbers of the waiting and running trials, ascending.</summary>
        public List<int> Unfinished { get; } = [];

        public Queue<int> Waiting { get; } = new();

        public HashSet<string> Claims { get; } = new(StringComparer.Ordinal);

        /// <summary>How many of the claims mark a trial replaced by its retry.</summary>
        public int RetryClaims { get; set; }

        /// <summary>The last heartbeat of each running trial that has one, by number.</summary>
        public Dictionary<int, DateTimeOffset> Heartbeats { get; } = [];

        public IReadOnlyDictionary<string, object?> UserAttrs { get; set; } = new Dictionary<string, object?>();

        public IReadOnlyDictionary<string, object?> SystemAttrs { get; set; } = new Dictionary<string, object?>();
    }
}

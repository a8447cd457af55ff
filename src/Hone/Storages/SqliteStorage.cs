using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;
using Microsoft.Data.Sqlite;

namespace Hone.Storages;

/// <summary>
/// A storage in one SQLite file: the embedded default. Durable commits in WAL mode; safe for several threads and
/// several processes on one machine writing the same file.
/// </summary>
/// <remarks>
/// <para>Every write is one <c>BEGIN IMMEDIATE</c> transaction, so writers queue instead of failing, and trial numbers are
/// assigned inside it, unique within a study. A busy database is waited for (<see cref="SqliteStorageOptions.BusyTimeout"/>);
/// "database is locked" does not reach the caller before then.</para>
/// <para>Reads of a study's trials are incremental: every write stamps the trial with a rising sequence number, and
/// this instance re-reads only the trials stamped since its last read.</para>
/// <para>A process killed mid-trial leaves that trial <see cref="TrialState.Running"/>; every committed trial survives.
/// With <see cref="SqliteStorageOptions.Durable"/>, commits that finish a trial or change a study wait for the disk; the
/// start of a trial and its intermediate reports do not (after a power loss the newest of those may be missing, never a
/// finished trial).</para>
/// </remarks>
public sealed class SqliteStorage : IStorage
{
    /// <summary>How intermediate vectors are kept: JSON arrays, with NaN and infinities by name, since they may hold them.</summary>
    private static readonly JsonSerializerOptions VectorJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Distribution> _distributions = new(StringComparer.Ordinal);
    private readonly Dictionary<Distribution, string> _distributionJson = [];
    private readonly Dictionary<long, TrialCache> _caches = [];
    private readonly TimeSpan _busyTimeout;
    private readonly bool _durable;
    private bool? _synchronousFull;
    private SqliteTransaction? _transaction;
    private bool _disposed;

    /// <summary>Opens or creates a Hone database file.</summary>
    /// <param name="path">The file path; created, with its schema, when it does not exist.</param>
    /// <param name="options">Durability, read-only mode and busy timeout.</param>
    /// <exception cref="StorageException">The file is not a SQLite database, belongs to another program, was made by a newer Hone, or cannot be opened.</exception>
    public SqliteStorage(string path, SqliteStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteStorageOptions();
        Path = path;
        _busyTimeout = options.BusyTimeout;
        _durable = options.Durable;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            if (options.ReadOnly && !File.Exists(path))
            {
                throw new StorageException($"No Hone database at '{path}'. Check the path (--storage), or run a study to create it.");
            }

            _connection.Open();
            IsReadOnly = options.ReadOnly || SQLitePCL.raw.sqlite3_db_readonly(_connection.Handle, "main") == 1;
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};"));
            Initialize(options);
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw Explain(e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether the file was opened for reading only (asked for, or not writable).</summary>
    public bool IsReadOnly { get; }

    /// <summary>The connection, for tests that count the work its statements do.</summary>
    internal SqliteConnection Connection => _connection;

    /// <inheritdoc/>
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directions);
        return Write(() =>
        {
            if (Scalar("SELECT study_id FROM studies WHERE name = $name", ("$name", name)) is not null)
            {
                throw DuplicateStudyException.ForName(name);
            }

            return (long)Scalar(
                "INSERT INTO studies (name, directions, created) VALUES ($name, $directions, $created) RETURNING study_id",
                ("$name", name),
                ("$directions", JsonSerializer.Serialize(directions.Select(d => d.ToString()))),
                ("$created", created.UtcTicks))!;
        });
    }

    /// <inheritdoc/>
    public StudySummary GetStudy(string name) => Read(() =>
        ReadStudies("WHERE s.name = $key", name).FirstOrDefault() ?? throw StudyNotFoundException.ForName(name));

    /// <inheritdoc/>
    public StudySummary GetStudy(long studyId) => Read(() =>
        ReadStudies("WHERE s.study_id = $key", studyId).FirstOrDefault() ?? throw MissingStudy(studyId));

    /// <inheritdoc/>
    public IReadOnlyList<StudySummary> GetAllStudies() => Read(() => ReadStudies(string.Empty, null));

    /// <inheritdoc/>
    public void DeleteStudy(long studyId) => Write(() =>
    {
        if (Execute("DELETE FROM studies WHERE study_id = $s", ("$s", studyId)) == 0)
        {
            throw MissingStudy(studyId);
        }

        _caches.Remove(studyId);
        return 0;
    });

    /// <inheritdoc/>
    public void SetStudyAttr(long studyId, string key, object? value, bool system = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        var column = system ? "system_attrs" : "user_attrs";
        Write(() =>
        {
            var current = Scalar($"SELECT {column} FROM studies WHERE study_id = $s", ("$s", studyId)) as string ?? throw MissingStudy(studyId);
            var merged = TrialUpdates.Merge(AttributeValues.ParseObject(current), [KeyValuePair.Create(key, value)]);
            Execute($"UPDATE studies SET {column} = $v WHERE study_id = $s", ("$v", AttributeValues.ToJsonObject(merged)), ("$s", studyId));
            return 0;
        });
    }

    /// <inheritdoc/>
    public bool TryClaim(long studyId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Write(() =>
        {
            RequireStudy(studyId);
            return Execute("INSERT OR IGNORE INTO study_claims (study_id, key) VALUES ($s, $k)", ("$s", studyId), ("$k", key)) == 1;
        });
    }

    /// <inheritdoc/>
    public bool IsClaimed(long studyId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Read(() =>
        {
            RequireStudy(studyId);
            return Scalar("SELECT 1 FROM study_claims WHERE study_id = $s AND key = $k", ("$s", studyId), ("$k", key)) is not null;
        });
    }

    /// <inheritdoc/>
    public IReadOnlySet<string> GetClaims(long studyId) => Read(() =>
    {
        RequireStudy(studyId);
        return Query("SELECT key FROM study_claims WHERE study_id = $s", r => r.GetString(0), ("$s", studyId)).ToHashSet(StringComparer.Ordinal);
    });

    /// <inheritdoc/>
    public FrozenTrial CreateTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return Write(() =>
        {
            RequireStudy(studyId);
            return InsertTrial(studyId, state, initial, now);
        });
    }

    /// <inheritdoc/>
    public FrozenTrial? TryCreateTrial(long studyId, string key, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(initial);

        // One write transaction: no other process sees the claim without the trial. A rejected update rolls back both.
        return Write(() =>
        {
            RequireStudy(studyId);
            return Execute("INSERT OR IGNORE INTO study_claims (study_id, key) VALUES ($s, $k)", ("$s", studyId), ("$k", key)) == 1
                ? InsertTrial(studyId, state, initial, now)
                : null;
        });
    }

    /// <inheritdoc/>
    public FrozenTrial StartTrial(long studyId, DateTimeOffset now) => TryStartTrial(studyId, now, int.MaxValue, heartbeat: false)!;

    /// <inheritdoc/>
    public FrozenTrial? TryStartTrial(long studyId, DateTimeOffset now, int maxTrials, bool heartbeat) => Write(durable: false, action: () =>
    {
        RequireStudy(studyId);
        var beat = heartbeat ? now.UtcTicks : (long?)null;
        if (Scalar("SELECT trial_id FROM trials WHERE study_id = $s AND state = 4 ORDER BY number LIMIT 1", ("$s", studyId)) is long waiting)
        {
            Execute(
                "UPDATE trials SET state = 0, started = $t, heartbeat = $beat, seq = $seq WHERE trial_id = $id",
                ("$t", now.UtcTicks),
                ("$beat", beat),
                ("$seq", NextSeq()),
                ("$id", waiting));
            return ReadTrial(waiting);
        }

        // Trials are numbered densely, so the next number is how many the study has; the writer lock makes the count exact.
        if (maxTrials < int.MaxValue && (long)Scalar(
                "SELECT (SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = $s) " +
                "- (SELECT COUNT(*) FROM study_claims WHERE study_id = $s AND substr(key, 1, length($p)) = $p)",
                ("$s", studyId),
                ("$p", RetryClaim.Prefix))! >= maxTrials)
        {
            return null;
        }

        var (trialId, number) = InsertTrial(studyId, TrialState.Running, now, beat);
        return new FrozenTrial
        {
            Id = trialId,
            Number = number,
            State = TrialState.Running,
            Started = new DateTimeOffset(now.UtcTicks, TimeSpan.Zero),
        };
    });

    /// <inheritdoc/>
    public bool RecordHeartbeat(long trialId, DateTimeOffset now) => Write(durable: false, action: () =>
    {
        // Not stamped with a sequence number: a heartbeat is no change that readers of the trial need to see.
        if (Execute("UPDATE trials SET heartbeat = $t WHERE trial_id = $id AND state = 0", ("$t", now.UtcTicks), ("$id", trialId)) == 1)
        {
            return true;
        }

        return Scalar("SELECT 1 FROM trials WHERE trial_id = $id", ("$id", trialId)) is not null
            ? false
            : throw new TrialNotFoundException(string.Create(CultureInfo.InvariantCulture, $"No trial with id {trialId} in '{Path}'."));
    });

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset heartbeatBefore, TrialUpdate update)
    {
        TrialUpdates.CheckStaleUpdate(update);
        const string Stale = "SELECT trial_id FROM trials WHERE study_id = $s AND state = 0 AND heartbeat < $b ORDER BY number";
        var before = heartbeatBefore.UtcTicks;

        // A read first: at each ask nothing is stale, and a read takes no write lock from the other workers.
        var any = Read(() =>
        {
            RequireStudy(studyId);
            return Scalar(Stale + " LIMIT 1", ("$s", studyId), ("$b", before)) is not null;
        });
        if (!any)
        {
            return [];
        }

        // Under the write lock the trials are read again: another process may have failed them meanwhile.
        return Write(() =>
        {
            var failed = new List<FrozenTrial>();
            foreach (var id in Query(Stale, r => r.GetInt64(0), ("$s", studyId), ("$b", before)))
            {
                var current = ReadTrial(id);
                ApplyUpdate(id, update, current);
                failed.Add(TrialUpdates.Apply(current, update));
            }

            return (IReadOnlyList<FrozenTrial>)failed;
        });
    }

    /// <inheritdoc/>
    public FrozenTrial UpdateTrial(long trialId, TrialUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Write(
            durable: update.State is { } state && state.IsFinished(),
            action: () =>
            {
                var current = ReadTrial(trialId);
                var updated = TrialUpdates.Apply(current, update);
                ApplyUpdate(trialId, update, current);
                return updated;
            });
    }

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long trialId) => Read(() => ReadTrial(trialId));

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long studyId, int number) => Read(() =>
    {
        RequireStudy(studyId);
        return Scalar("SELECT trial_id FROM trials WHERE study_id = $s AND number = $n", ("$s", studyId), ("$n", number)) is long id
            ? ReadTrial(id)
            : throw new TrialNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Study {studyId} has no trial {number}."));
    });

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states = null) => Read(() =>
    {
        var cache = RefreshedCache(studyId);

        return TrialSelection.InStates(cache.Trials, cache.Unfinished, states);
    });

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetFinishedTrials(long studyId, int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        return Read(() =>
        {
            var finished = RefreshedCache(studyId).Finished;
            return TrialSelection.After(finished, start);
        });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }

    private void Initialize(SqliteStorageOptions options)
    {
        var tables = Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0));
        if (tables.Count > 0 && !tables.Contains("hone_meta"))
        {
            throw new StorageException(
                $"'{Path}' is a SQLite database of another program (tables: {string.Join(", ", tables.Take(5))}); Hone will not write into it. Choose a new file name.");
        }

        var version = (long)Scalar("PRAGMA user_version")!;
        if (version > SqliteSchema.Version)
        {
            throw new StorageException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{Path}' was written by a newer Hone (schema version {version}; this Hone reads up to {SqliteSchema.Version}). Upgrade Hone to open it."));
        }

        if (IsReadOnly)
        {
            if (tables.Count == 0)
            {
                throw new StorageException($"'{Path}' holds no Hone database and is read-only. Check the path.");
            }

            if (version < SqliteSchema.Version)
            {
                throw new StorageException($"'{Path}' needs a schema upgrade but is read-only. Open it once with write access.");
            }

            return;
        }

        var mode = Scalar("PRAGMA journal_mode = WAL") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException($"'{Path}' cannot use write-ahead logging (journal mode is {mode}). Put the file on a local disk.");
        }

        SetSynchronous(_durable);
        Execute("PRAGMA foreign_keys = ON");
        Write(() =>
        {
            // Read again inside the write lock: another process may have migrated meanwhile.
            var current = (long)Scalar("PRAGMA user_version")!;
            for (var v = (int)current; v < SqliteSchema.Version; v++)
            {
                Execute(SqliteSchema.Migrations[v]);
                Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {v + 1}"));
            }

            return 0;
        });
    }

    /// <summary>Inserts a trial with its initial content, inside the caller's write transaction.</summary>
    private FrozenTrial InsertTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        var (trialId, _) = InsertTrial(studyId, state, state == TrialState.Running ? now : null, null);
        var blank = ReadTrial(trialId);

        // Applied to the record first for its checks (the length of intermediate vectors), as UpdateTrial does.
        _ = TrialUpdates.Apply(blank, initial with { State = null });
        ApplyUpdate(trialId, initial with { State = null }, blank);
        return ReadTrial(trialId);
    }

    private (long TrialId, int Number) InsertTrial(long studyId, TrialState state, DateTimeOffset? started, long? heartbeat)
    {
        using var reader = Reader(
            "INSERT INTO trials (study_id, number, state, started, heartbeat, seq) " +
            "VALUES ($s, (SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = $s), $state, $started, $beat, $seq) RETURNING trial_id, number",
            ("$s", studyId),
            ("$state", (int)state),
            ("$started", started?.UtcTicks),
            ("$beat", heartbeat),
            ("$seq", NextSeq()));
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    private void ApplyUpdate(long trialId, TrialUpdate update, FrozenTrial current)
    {
        var sets = new List<string> { "seq = $seq" };
        var parameters = new List<(string, object?)> { ("$seq", NextSeq()), ("$id", trialId) };
        if (update.State is { } state)
        {
            sets.Add("state = $state");
            sets.Add("objective_values = $values");
            sets.Add("completed = $completed");
            parameters.Add(("$state", (int)state));
            parameters.Add(("$values", state == TrialState.Complete && update.Values is { } v ? JsonSerializer.Serialize(v) : null));
            parameters.Add(("$completed", state.IsFinished() ? update.Completed?.UtcTicks : null));
        }

        if (update.UserAttrs.Count > 0)
        {
            sets.Add("user_attrs = $user");
            parameters.Add(("$user", AttributeValues.ToJsonObject(TrialUpdates.Merge(current.UserAttrs, update.UserAttrs))));
        }

        if (update.SystemAttrs.Count > 0)
        {
            sets.Add("system_attrs = $system");
            parameters.Add(("$system", AttributeValues.ToJsonObject(TrialUpdates.Merge(current.SystemAttrs, update.SystemAttrs))));
        }

        Execute($"UPDATE trials SET {string.Join(", ", sets)} WHERE trial_id = $id", [.. parameters]);
        var fresh = update.Params.Where(p => !current.Params.ContainsKey(p.Name)).DistinctBy(p => p.Name).ToList();
        if (fresh.Count > 0)
        {
            // One multi-row insert instead of a statement per parameter: a trial's parameters cost one round trip.
            var rows = new StringBuilder("INSERT INTO trial_params (trial_id, ordinal, name, distribution, value) VALUES ");
            var values = new List<(string, object?)>(1 + (4 * fresh.Count)) { ("$id", trialId) };
            for (var i = 0; i < fresh.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                rows.Append(i == 0 ? string.Empty : ", ").Append($"($id, $o{n}, $n{n}, $d{n}, $v{n})");
                values.Add(("$o" + n, current.Params.Count + i));
                values.Add(("$n" + n, fresh[i].Name));
                values.Add(("$d" + n, DistributionJson(fresh[i].Distribution)));
                values.Add(("$v" + n, fresh[i].Value));
            }

            Execute(rows.ToString(), [.. values]);
        }

        foreach (var (step, value) in update.IntermediateValues)
        {
            Execute(
                "INSERT OR REPLACE INTO trial_intermediate_values (trial_id, step, value) VALUES ($id, $step, $v)",
                ("$id", trialId),
                ("$step", step),
                ("$v", double.IsNaN(value) ? null : value));
        }

        foreach (var (step, vector) in update.IntermediateVectors)
        {
            Execute(
                "INSERT OR REPLACE INTO trial_intermediate_values (trial_id, step, value, vector) VALUES ($id, $step, $v, $vector)",
                ("$id", trialId),
                ("$step", step),
                ("$v", double.IsNaN(vector[0]) ? null : vector[0]),
                ("$vector", JsonSerializer.Serialize(vector, VectorJson)));
        }
    }

    private string DistributionJson(Distribution distribution)
    {
        if (!_distributionJson.TryGetValue(distribution, out var json))
        {
            json = JsonSerializer.Serialize(distribution);
            _distributionJson[distribution] = json;
        }

        return json;
    }

    private long NextSeq() => (long)Scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM trials")!;

    private void RequireStudy(long studyId)
    {
        if (Scalar("SELECT 1 FROM studies WHERE study_id = $s", ("$s", studyId)) is null)
        {
            _caches.Remove(studyId);
            throw MissingStudy(studyId);
        }
    }

    private FrozenTrial ReadTrial(long trialId)
    {
        var trials = ReadTrials("t.trial_id = $key", trialId);
        return trials.Count == 1
            ? trials[0]
            : throw new TrialNotFoundException(string.Create(CultureInfo.InvariantCulture, $"No trial with id {trialId} in '{Path}'."));
    }

    /// <summary>The study's trial cache, brought up to date with the rows written since its last read.</summary>
    private TrialCache RefreshedCache(long studyId)
    {
        RequireStudy(studyId);
        if (!_caches.TryGetValue(studyId, out var cache))
        {
            cache = new TrialCache();
            _caches[studyId] = cache;
        }

        foreach (var trial in ReadTrials("t.study_id = $key AND t.seq > $since", studyId, cache))
        {
            TrialSelection.Record(cache.Trials, cache.Finished, cache.Unfinished, trial);
        }

        return cache;
    }

    /// <summary>Reads whole trials (with parameters and intermediate values) that match a condition on <c>t</c>, in the
    /// order they were last written, so that trials finished between two reads keep their finishing order.</summary>
    private List<FrozenTrial> ReadTrials(string condition, long key, TrialCache? cache = null)
    {
        var since = ("$since", (object?)(cache?.Seq ?? 0));
        var rows = new Dictionary<long, TrialRow>();
        var order = new List<long>();
        using (var reader = Reader(
            "SELECT t.trial_id, t.number, t.state, t.objective_values, t.started, t.completed, t.user_attrs, t.system_attrs, t.seq " +
            $"FROM trials t WHERE {condition} ORDER BY t.seq",
            ("$key", key),
            since))
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                rows[id] = new TrialRow(
                    new FrozenTrial
                    {
                        Id = id,
                        Number = reader.GetInt32(1),
                        State = (TrialState)reader.GetInt32(2),
                        Values = reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<double[]>(reader.GetString(3)),
                        Started = reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                        Completed = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                        UserAttrs = AttributeValues.ParseObject(reader.GetString(6)),
                        SystemAttrs = AttributeValues.ParseObject(reader.GetString(7)),
                    });
                order.Add(id);
                if (cache is not null)
                {
                    cache.Seq = Math.Max(cache.Seq, reader.GetInt64(8));
                }
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        using (var reader = Reader(
            $"SELECT p.trial_id, p.name, p.distribution, p.value FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id WHERE {condition} ORDER BY p.trial_id, p.ordinal",
            ("$key", key),
            since))
        {
            while (reader.Read())
            {
                if (rows.TryGetValue(reader.GetInt64(0), out var row))
                {
                    row.Params.Add((reader.GetString(1), ParseDistribution(reader.GetString(2)), reader.GetDouble(3)));
                }
            }
        }

        using (var reader = Reader(
            $"SELECT v.trial_id, v.step, v.value, v.vector FROM trial_intermediate_values v JOIN trials t ON t.trial_id = v.trial_id WHERE {condition}",
            ("$key", key),
            since))
        {
            while (reader.Read())
            {
                if (rows.TryGetValue(reader.GetInt64(0), out var row))
                {
                    row.IntermediateValues ??= [];
                    row.IntermediateValues[reader.GetInt32(1)] = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
                    if (!reader.IsDBNull(3))
                    {
                        row.IntermediateVectors ??= [];
                        row.IntermediateVectors[reader.GetInt32(1)] = JsonSerializer.Deserialize<double[]>(reader.GetString(3), VectorJson)!;
                    }
                }
            }
        }

        return order.Select(id => rows[id].Build()).ToList();
    }

    // A study's trial numbers are dense (each is the largest so far + 1, and no trial is deleted alone), so its trial
    // count is its largest number + 1: one seek in the (study_id, number) index, where COUNT(*) read every trial.
    private List<StudySummary> ReadStudies(string condition, object? key) =>
        Query(
            "SELECT s.study_id, s.name, s.directions, s.user_attrs, s.system_attrs, s.created, " +
            $"(SELECT COALESCE(MAX(t.number) + 1, 0) FROM trials t WHERE t.study_id = s.study_id) FROM studies s {condition} ORDER BY s.study_id",
            r => new StudySummary(
                r.GetInt64(0),
                r.GetString(1),
                JsonSerializer.Deserialize<string[]>(r.GetString(2))!.Select(Enum.Parse<StudyDirection>).ToArray(),
                AttributeValues.ParseObject(r.GetString(3)),
                AttributeValues.ParseObject(r.GetString(4)),
                r.GetInt32(6),
                new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero)),
            ("$key", key));

    private Distribution ParseDistribution(string json)
    {
        if (!_distributions.TryGetValue(json, out var distribution))
        {
            distribution = JsonSerializer.Deserialize<Distribution>(json)!;
            _distributions[json] = distribution;
        }

        return distribution;
    }

    private T Read<T>(Func<T> action)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return WithRetry(() =>
            {
                // A deferred transaction reads one consistent snapshot across the several queries of a read.
                using var transaction = _connection.BeginTransaction(deferred: true);
                _transaction = transaction;
                try
                {
                    var result = action();
                    transaction.Commit();
                    return result;
                }
                finally
                {
                    _transaction = null;
                }
            });
        }
    }

    private T Write<T>(Func<T> action, bool durable = true)
    {
        if (IsReadOnly)
        {
            throw new StorageException($"'{Path}' is open read-only, so Hone cannot write to it. Make the file writable or open it without mode=ro.");
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetSynchronous(durable && _durable);
            return WithRetry(() =>
            {
                // BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait in line instead of deadlocking.
                using var transaction = _connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
                _transaction = transaction;
                try
                {
                    var result = action();
                    transaction.Commit();
                    return result;
                }
                catch
                {
                    // Anything read into the caches inside a failed transaction may not be in the file.
                    _caches.Clear();
                    throw;
                }
                finally
                {
                    _transaction = null;
                }
            });
        }
    }

    /// <summary>
    /// Chooses whether the next commit waits for the disk. In WAL mode a commit without the wait is still ordered before
    /// every later one, and the next waiting commit makes it durable too; so only commits that finish a trial or change a
    /// study need to wait, and a trial costs one disk flush instead of two.
    /// </summary>
    private void SetSynchronous(bool full)
    {
        if (_synchronousFull != full)
        {
            Execute(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            _synchronousFull = full;
        }
    }

    /// <summary>Retries a transaction that another process kept locked, until the busy timeout runs out.</summary>
    private T WithRetry<T>(Func<T> attempt)
    {
        var deadline = DateTime.UtcNow + _busyTimeout;
        var delay = 1;
        while (true)
        {
            try
            {
                return attempt();
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(delay, 2 * delay));
                delay = Math.Min(delay * 2, 100);
            }
            catch (SqliteException e)
            {
                throw Explain(e);
            }
        }
    }

    private StorageException Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        26 => new StorageException($"'{Path}' is not a SQLite database. Point the storage at a Hone database file or a new path.", e),
        8 => new StorageException($"'{Path}' is read-only, so Hone cannot write to it. Make the file and its folder writable, or choose another path.", e),
        14 => new StorageException($"Cannot open '{Path}': {e.Message}. Check that the folder exists and is writable.", e),
        5 or 6 => new StorageException($"'{Path}' stayed locked by another process for longer than the busy timeout ({_busyTimeout}). Check for a stuck process.", e),
        _ => new StorageException($"SQLite error on '{Path}': {e.Message}", e),
    };

    private StudyNotFoundException MissingStudy(long studyId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"No study with id {studyId} in '{Path}'."));

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        var result = Command(sql, parameters).ExecuteScalar();
        return result is DBNull ? null : result;
    }

    private SqliteDataReader Reader(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteReader();

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var list = new List<T>();
        using var reader = Reader(sql, parameters);
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    private sealed class TrialCache
    {
        public long Seq { get; set; }

        public List<FrozenTrial?> Trials { get; } = [];

        /// <summary>Finished trials in the order this instance first read them finished.</summary>
        public List<FrozenTrial> Finished { get; } = [];

        /// <summary>The numbers of the waiting and running trials, ascending.</summary>
        public List<int> Unfinished { get; } = [];
    }

    private sealed class TrialRow(FrozenTrial trial)
    {
        public List<(string, Distribution, double)> Params { get; } = [];

        public Dictionary<int, double>? IntermediateValues { get; set; }

        public Dictionary<int, IReadOnlyList<double>>? IntermediateVectors { get; set; }

        public FrozenTrial Build() => trial with
        {
            Params = Params.Count == 0 ? ParameterSet.Empty : ParameterSet.Create(Params),
            IntermediateValues = IntermediateValues ?? trial.IntermediateValues,
            IntermediateVectors = IntermediateVectors ?? trial.IntermediateVectors,
        };
    }
}

using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;
using Npgsql;

namespace Hone.Storages;

/// <summary>
/// A storage in a PostgreSQL database: many processes on many machines share one study through it.
/// </summary>
/// <remarks>
/// <para>Hone creates its tables in a schema of its own (<see cref="PostgresStorageOptions.Schema"/>) and migrates
/// them; it refuses a schema written by a newer Hone or holding another program's tables. PostgreSQL 13 or later.</para>
/// <para>Trial numbers are dense within a study: a trial's number comes from a counter on its study row, incremented in
/// the transaction that inserts the trial. Enqueued trials are taken with <c>FOR UPDATE SKIP LOCKED</c>, so each is
/// started once and starters never wait on each other; claims are <c>INSERT ... ON CONFLICT DO NOTHING</c>.</para>
/// <para>Reads of a study's trials are incremental: each trial row carries the transaction that last changed it, and
/// this instance re-reads only the trials changed by transactions its previous read could not see (those at or past
/// that snapshot's horizon, or in progress then). Unlike a sequence number, this misses no trial whose transaction
/// commits late.</para>
/// <para>Transient failures (connection refused or lost, server restart, serialization failure, deadlock) are retried
/// with exponential backoff for up to <see cref="PostgresStorageOptions.RetryTimeout"/>. Every write carries a token
/// of its call, so a write retried after a lost commit acknowledgement finds its own earlier commit and neither applies
/// twice nor reports a conflict with itself.</para>
/// <para>Trial numbers are also gap-free at every instant: the row lock orders numbering by commit, so a reader never
/// sees a trial before a lower-numbered one. That lock is the one place where starters of one study queue on each
/// other (bench/RESULTS.md, Session 7).</para>
/// <para>A trial costs two transactions of one round trip each: its start (one more for an enqueued trial's contents)
/// and its end. An update of a trial this instance wrote last applies in one statement if the row still carries that
/// write's token, else through a locked read first. Both frequent calls are single statements, since Npgsql writes
/// a batch of several from a thread-pool task; connections come from Npgsql's pool and frequent statements are
/// prepared automatically.</para>
/// </remarks>
public sealed partial class PostgresStorage : IStorage
{
    private const string Xid = "pg_current_xact_id()::text::bigint";

    private const string TrialColumns =
        "t.trial_id, t.number, t.state, t.objective_values, t.started, t.completed, t.user_attrs, t.system_attrs, " +
        "p.names, p.distributions, p.vals, v.steps, v.vals, v.vector_steps, v.vectors";

    // One aggregate per child table and trial, so that a whole trial comes back in one row. The vectors of a trial all
    // have one length (TrialUpdates checks it), so they aggregate into one two-dimensional array.
    private const string TrialJoins =
        " LEFT JOIN LATERAL (SELECT array_agg(name ORDER BY ordinal) AS names, array_agg(distribution ORDER BY ordinal) AS distributions, " +
        "array_agg(value ORDER BY ordinal) AS vals FROM trial_params WHERE trial_id = t.trial_id) p ON true" +
        " LEFT JOIN LATERAL (SELECT array_agg(step) AS steps, array_agg(value) AS vals, " +
        "array_agg(step ORDER BY step) FILTER (WHERE vector IS NOT NULL) AS vector_steps, array_agg(vector ORDER BY step) FILTER (WHERE vector IS NOT NULL) AS vectors " +
        "FROM trial_intermediate_values WHERE trial_id = t.trial_id) v ON true";

    private const string AsyncCommit = "SELECT set_config('synchronous_commit', 'off', true)";

    private static readonly HashSet<string> TransientStates = new(StringComparer.Ordinal)
    {
        "40001", "40P01", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006",
    };

    private readonly NpgsqlDataSource _dataSource;
    private readonly ConcurrentDictionary<long, TrialCache> _caches = new();

    // The unfinished trials this storage last wrote, each with the token of that write: the next update of one of them
    // is a single statement conditioned on the row still carrying that token (one round trip, no read first).
    private readonly ConcurrentDictionary<long, (FrozenTrial Trial, Guid Token)> _lastWrites = new();
    private readonly ConcurrentDictionary<string, Distribution> _distributions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Distribution, string> _distributionJson = new();
    private readonly TimeSpan _retryTimeout;
    private readonly TimeSpan _retryDelay;
    private readonly bool _durable;
    private volatile bool _disposed;

    /// <summary>Connects to a PostgreSQL database and creates or migrates Hone's schema in it.</summary>
    /// <param name="connection">A URL, <c>postgresql://user:password@host:port/database</c> (or <c>postgres://</c>;
    /// percent-encode special characters; <c>?schema=name</c> chooses the schema, <c>sslmode</c>, <c>application_name</c>,
    /// <c>connect_timeout</c> and Npgsql keywords pass through), or an Npgsql connection string.</param>
    /// <param name="options">Schema, timeouts, retries and durability.</param>
    /// <exception cref="ArgumentException">The connection text or an option is malformed, or Npgsql refuses the settings.</exception>
    /// <exception cref="StorageException">The server cannot be reached, refuses the login, lacks the database, or the
    /// schema belongs to another program or a newer Hone.</exception>
    public PostgresStorage(string connection, PostgresStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        options ??= new PostgresStorageOptions();
        var builder = PostgresUrl.Parse(connection, out var urlSchema);
        Schema = urlSchema ?? options.Schema;
        if (!SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"The PostgreSQL schema must be a plain lower-case identifier (letters, digits, underscores), but got '{Schema}'. Choose a name such as hone.",
                nameof(options));
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.RetryTimeout < TimeSpan.Zero || options.RetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"CommandTimeout and RetryDelay must be positive and RetryTimeout not negative, but got CommandTimeout={options.CommandTimeout}, RetryDelay={options.RetryDelay}, RetryTimeout={options.RetryTimeout}.",
                nameof(options));
        }

        Database = PostgresUrl.Describe(builder);
        _retryTimeout = options.RetryTimeout;
        _retryDelay = options.RetryDelay;
        _durable = options.Durable;
        builder.SearchPath = Schema;
        builder.CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        builder.ApplicationName ??= "hone";

        // Session state is never changed beyond a transaction, so the reset on returning a connection to the pool is
        // a wasted round trip; automatic preparation makes the few statements a trial runs cost no parsing.
        builder.NoResetOnClose = true;
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        try
        {
            _dataSource = NpgsqlDataSource.Create(builder);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            // Npgsql checks some combinations of settings only here, such as a target session for a single host.
            throw new ArgumentException($"Npgsql refuses the connection settings of {Database}: {e.Message.TrimEnd('.')}. Fix or remove that setting in the URL.", nameof(connection), e);
        }

        try
        {
            Initialize();
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>The server and database, as <c>host:port/database</c> (never the password).</summary>
    public string Database { get; }

    /// <summary>The schema that holds Hone's tables.</summary>
    public string Schema { get; }

    /// <summary>When set, called after each write succeeds; an exception it returns is thrown as if the connection had
    /// been lost before the acknowledgement arrived, so that tests can check that retried writes apply once.</summary>
    internal Func<Exception?>? FaultAfterWrite { get; set; }

    /// <summary>Opening retries for a shorter time than operations do: a wrong host or port is a typo more often than a
    /// restart, and should not keep a command waiting long.</summary>
    private TimeSpan OpenRetryTimeout => _retryTimeout < TimeSpan.FromSeconds(5) ? _retryTimeout : TimeSpan.FromSeconds(5);

    private string Where => $"PostgreSQL {Database} (schema {Schema})";

    /// <inheritdoc/>
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directions);
        var token = Guid.NewGuid();
        var directionsJson = JsonSerializer.Serialize(directions.Select(d => d.ToString()));
        return Run(write: true, (connection, _) =>
        {
            using var command = Command(
                connection,
                "INSERT INTO studies (name, directions, created, write_token) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING study_id",
                name,
                directionsJson,
                created.UtcTicks,
                token);
            if (command.ExecuteScalar() is long id)
            {
                return id;
            }

            // Taken: by this very call when an earlier attempt committed but its acknowledgement was lost.
            using var mine = Command(connection, "SELECT study_id FROM studies WHERE name = $1 AND write_token = $2", name, token);
            return mine.ExecuteScalar() as long? ?? throw DuplicateStudyException.ForName(name);
        });
    }

    /// <inheritdoc/>
    public StudySummary GetStudy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReadStudies("WHERE name = $1", name).FirstOrDefault() ?? throw StudyNotFoundException.ForName(name);
    }

    /// <inheritdoc/>
    public StudySummary GetStudy(long studyId) => ReadStudies("WHERE study_id = $1", studyId).FirstOrDefault() ?? throw MissingStudy(studyId);

    /// <inheritdoc/>
    public IReadOnlyList<StudySummary> GetAllStudies() => ReadStudies(string.Empty, null);

    /// <inheritdoc/>
    public void DeleteStudy(long studyId)
    {
        Run(write: true, (connection, attempt) =>
        {
            using var command = Command(connection, "DELETE FROM studies WHERE study_id = $1", studyId);

            // On a retry the study may be gone because the earlier attempt deleted it.
            return command.ExecuteNonQuery() == 0 && attempt == 0 ? throw MissingStudy(studyId) : 0;
        });
        _caches.TryRemove(studyId, out _);
    }

    /// <inheritdoc/>
    public void SetStudyAttr(long studyId, string key, object? value, bool system = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        var column = system ? "system_attrs" : "user_attrs";
        // Compare and swap rather than a locked read: the study row's lock also numbers new trials, and holding it across
        // a round trip would stall every starter of the study while a sampler saves its state. A write that lost the race
        // reads again; one retried after a lost acknowledgement merges to the same text and writes it once more.
        Run(write: true, (connection, _) =>
        {
            while (true)
            {
                using var read = Command(connection, $"SELECT {column} FROM studies WHERE study_id = $1", studyId);
                var current = read.ExecuteScalar() as string ?? throw MissingStudy(studyId);
                var merged = TrialUpdates.Merge(AttributeValues.ParseObject(current), [KeyValuePair.Create(key, value)]);
                using var write = Command(connection, $"UPDATE studies SET {column} = $2 WHERE study_id = $1 AND {column} = $3", studyId, AttributeValues.ToJsonObject(merged), current);
                if (write.ExecuteNonQuery() == 1)
                {
                    return 0;
                }
            }
        });
    }

    /// <inheritdoc/>
    public bool TryClaim(long studyId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var token = Guid.NewGuid();
        return Run(write: true, (connection, _) =>
        {
            // The second test finds this call's own claim, for when an earlier attempt committed but lost its acknowledgement.
            using var command = Command(
                connection,
                "WITH i AS (INSERT INTO study_claims (study_id, key, write_token) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1), " +
                "u AS (UPDATE studies SET replaced = replaced + 1 WHERE study_id = $1 AND $4 AND EXISTS (SELECT 1 FROM i)) " +
                "SELECT EXISTS (SELECT 1 FROM i) OR EXISTS (SELECT 1 FROM study_claims WHERE study_id = $1 AND key = $2 AND write_token = $3)",
                studyId,
                key,
                token,
                RetryClaim.Is(key));
            try
            {
                return (bool)command.ExecuteScalar()!;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw MissingStudy(studyId);
            }
        });
    }

    /// <inheritdoc/>
    public bool IsClaimed(long studyId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Run(write: false, (connection, _) =>
        {
            // No row: no such study.
            using var command = Command(
                connection,
                "SELECT EXISTS (SELECT 1 FROM study_claims c WHERE c.study_id = s.study_id AND c.key = $2) FROM studies s WHERE s.study_id = $1",
                studyId,
                key);
            return command.ExecuteScalar() as bool? ?? throw MissingStudy(studyId);
        });
    }

    /// <inheritdoc/>
    public IReadOnlySet<string> GetClaims(long studyId) => Run(write: false, (connection, _) =>
    {
        using var command = Command(
            connection,
            "SELECT ARRAY(SELECT key FROM study_claims WHERE study_id = s.study_id) FROM studies s WHERE s.study_id = $1",
            studyId);
        var keys = command.ExecuteScalar() as string[] ?? throw MissingStudy(studyId);
        return (IReadOnlySet<string>)keys.ToHashSet(StringComparer.Ordinal);
    });

    /// <inheritdoc/>
    public FrozenTrial CreateTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return InsertTrial(studyId, null, state, initial, now)!;
    }

    /// <inheritdoc/>
    public FrozenTrial? TryCreateTrial(long studyId, string key, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(initial);
        return InsertTrial(studyId, key, state, initial, now);
    }

    /// <inheritdoc/>
    public FrozenTrial StartTrial(long studyId, DateTimeOffset now) => TryStartTrial(studyId, now, int.MaxValue, heartbeat: false)!;

    /// <inheritdoc/>
    public FrozenTrial? TryStartTrial(long studyId, DateTimeOffset now, int maxTrials, bool heartbeat)
    {
        var token = Guid.NewGuid();
        var started = new DateTimeOffset(now.UtcTicks, TimeSpan.Zero);

        // The limit reads the study's trial counter and its count of replaced trials under the row lock that numbering
        // takes: a starter that waited for the lock compares both as the last writer left them, so concurrent starters
        // never pass the limit nor stop short of it.
        var limit = maxTrials < int.MaxValue ? " AND next_number - replaced < $5" : string.Empty;
        return Run<FrozenTrial?>(write: true, (connection, attempt) =>
        {
            if (attempt > 0 && FindOwnTrial(connection, studyId, token) is { } mine)
            {
                return Remember(mine, token);
            }

            // Takes the oldest waiting trial no other starter holds, or else numbers a new one: one statement, one round trip,
            // whose commit does not wait for the disk (s).
            using var command = Command(
                connection,
                "WITH s AS (SELECT set_config('synchronous_commit', 'off', true)), " +
                "w AS (SELECT trial_id FROM trials WHERE study_id = $1 AND state = 4 ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED), " +
                $"c AS (UPDATE trials t SET state = 0, started = $2, heartbeat = $4::bigint, change_xid = {Xid}, write_token = $3 FROM w WHERE t.trial_id = w.trial_id RETURNING t.trial_id, t.number), " +
                $"n AS (UPDATE studies SET next_number = next_number + 1 WHERE study_id = $1 AND NOT EXISTS (SELECT 1 FROM c){limit} RETURNING next_number - 1 AS number), " +
                $"i AS (INSERT INTO trials (study_id, number, state, started, heartbeat, change_xid, write_token) SELECT $1, n.number, 0, $2, $4::bigint, {Xid}, $3 FROM n RETURNING trial_id, number) " +
                "SELECT trial_id, number, true FROM c, s UNION ALL SELECT trial_id, number, false FROM i, s",
                [studyId, started.UtcTicks, token, heartbeat ? now.UtcTicks : null, .. limit.Length > 0 ? new object[] { maxTrials } : []]);
            long trialId;
            int number;
            bool waited;
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    reader.Close();
                    return StudyExists(connection, studyId) ? null : throw MissingStudy(studyId);
                }

                (trialId, number, waited) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetBoolean(2));
            }

            // An enqueued trial brings its fixed parameters and attributes; a new one has none.
            return Remember(
                waited ? ReadTrial(connection, trialId) : new FrozenTrial { Id = trialId, Number = number, State = TrialState.Running, Started = started },
                token);
        });
    }

    /// <inheritdoc/>
    public bool RecordHeartbeat(long trialId, DateTimeOffset now) => Run(write: true, (connection, _) =>
    {
        // change_xid stays: a heartbeat is no change that readers of the trial need to see. Setting a time is idempotent,
        // so a retried heartbeat needs no token.
        using var batch = Batch(connection, durable: false);
        batch.BatchCommands.Add(BatchCommand(
            "WITH u AS (UPDATE trials SET heartbeat = $2 WHERE trial_id = $1 AND state = 0 RETURNING 1) " +
            "SELECT EXISTS (SELECT 1 FROM u), EXISTS (SELECT 1 FROM trials WHERE trial_id = $1)",
            trialId,
            now.UtcTicks));
        using var reader = ExecuteReader(batch);
        reader.Read();
        return reader.GetBoolean(1) ? reader.GetBoolean(0) : throw MissingTrial(trialId);
    });

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset heartbeatBefore, TrialUpdate update)
    {
        TrialUpdates.CheckStaleUpdate(update);
        var token = Guid.NewGuid();
        var before = heartbeatBefore.UtcTicks;
        return Run(write: true, (connection, attempt) =>
        {
            if (attempt > 0 && OwnTrials(connection, studyId, token) is { Count: > 0 } mine)
            {
                // An earlier attempt committed; its acknowledgement was lost.
                return mine;
            }

            // One indexed read at each ask; the locking transaction only when a trial is stale.
            using (var check = Command(
                connection,
                "SELECT EXISTS (SELECT 1 FROM studies WHERE study_id = $1), EXISTS (SELECT 1 FROM trials WHERE study_id = $1 AND state = 0 AND heartbeat < $2)",
                studyId,
                before))
            {
                using var reader = check.ExecuteReader();
                reader.Read();
                if (!reader.GetBoolean(0))
                {
                    throw MissingStudy(studyId);
                }

                if (!reader.GetBoolean(1))
                {
                    return (IReadOnlyList<FrozenTrial>)[];
                }
            }

            using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);

            // SKIP LOCKED: a trial locked by another sweeper is being failed by it, one locked by its worker is being told.
            var stale = new List<FrozenTrial>();
            using (var read = Command(
                connection,
                $"SELECT {TrialColumns} FROM trials t {TrialJoins} WHERE t.study_id = $1 AND t.state = 0 AND t.heartbeat < $2 ORDER BY t.number FOR UPDATE OF t SKIP LOCKED",
                studyId,
                before))
            {
                read.Transaction = transaction;
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    stale.Add(ReadTrialRow(reader, 0));
                }
            }

            var failed = stale.Select(t => TrialUpdates.Apply(t, update)).ToList();
            if (failed.Count > 0)
            {
                using var write = Batch(connection, durable: true, transaction);
                foreach (var trial in failed)
                {
                    write.BatchCommands.Add(BatchCommand(
                        $"UPDATE trials SET state = $2, completed = $3::bigint, user_attrs = $4, system_attrs = $5, change_xid = {Xid}, write_token = $6 WHERE trial_id = $1",
                        trial.Id,
                        (short)trial.State,
                        trial.Completed?.UtcTicks,
                        AttributeValues.ToJsonObject(trial.UserAttrs),
                        AttributeValues.ToJsonObject(trial.SystemAttrs),
                        token));
                }

                write.ExecuteNonQuery();
            }

            transaction.Commit();
            return failed;
        });
    }

    /// <inheritdoc/>
    public FrozenTrial UpdateTrial(long trialId, TrialUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var token = Guid.NewGuid();
        var finishing = update.State is { } final && final.IsFinished();
        if (update.IsEmpty)
        {
            return GetTrial(trialId);
        }

        return Run(write: true, (connection, _) =>
        {
            if (_lastWrites.TryRemove(trialId, out var last) && WriteKnownUpdate(connection, last.Trial, last.Token, update, token, finishing) is { } written)
            {
                return Remember(written, token);
            }

            try
            {
                return Remember(WriteUpdate(connection, trialId, update, token, finishing), token);
            }
            catch
            {
                Rollback(connection);
                throw;
            }
        });
    }

    /// <summary>Keeps an unfinished trial as written with <paramref name="token"/>, for <see cref="WriteKnownUpdate"/>.</summary>
    private FrozenTrial Remember(FrozenTrial trial, Guid token)
    {
        if (trial.State.IsFinished())
        {
            _lastWrites.TryRemove(trial.Id, out _);
        }
        else
        {
            _lastWrites[trial.Id] = (trial, token);
        }

        return trial;
    }

    /// <summary>
    /// The update of a trial this storage wrote last, in one statement: it applies only if the row still carries the
    /// token of that write, so that the trial is as this storage left it. Null when another writer (a worker that
    /// failed the trial as stale, an earlier attempt of this call whose acknowledgement was lost) has written it since;
    /// the caller then takes <see cref="WriteUpdate"/>'s locking path.
    /// </summary>
    private FrozenTrial? WriteKnownUpdate(NpgsqlConnection connection, FrozenTrial known, Guid knownToken, TrialUpdate update, Guid token, bool finishing)
    {
        var rows = UpdateRows.Of(known, update, this);
        var updated = rows.Updated;
        var asynchronous = !finishing || !_durable ? ", set_config('synchronous_commit', 'off', true)" : string.Empty;
        using var command = Command(
            connection,
            $"WITH u AS (UPDATE trials SET state = $2, objective_values = $3::float8[], completed = $4::bigint, user_attrs = $5, system_attrs = $6, change_xid = {Xid}, write_token = $7 WHERE trial_id = $1 AND write_token = $8 RETURNING trial_id), " +
            "p AS (INSERT INTO trial_params (trial_id, ordinal, name, distribution, value) SELECT u.trial_id, $9 + x.ordinal - 1, x.name, x.distribution, x.value " +
            "FROM u, unnest($10::text[], $11::text[], $12::float8[]) WITH ORDINALITY AS x (name, distribution, value, ordinal)), " +
            "v AS (INSERT INTO trial_intermediate_values (trial_id, step, value) SELECT u.trial_id, x.step, x.value FROM u, unnest($13::int[], $14::float8[]) AS x (step, value) " +
            "ON CONFLICT (trial_id, step) DO UPDATE SET value = EXCLUDED.value, vector = NULL), " +
            $"w AS (INSERT INTO trial_intermediate_values (trial_id, step, value, vector) SELECT u.trial_id, x.step, {VectorRow(16, 17)} FROM u, unnest($15::int[]) WITH ORDINALITY AS x (step, i) " +
            "ON CONFLICT (trial_id, step) DO UPDATE SET value = EXCLUDED.value, vector = EXCLUDED.vector) " +
            $"SELECT EXISTS (SELECT 1 FROM u){asynchronous}",
            known.Id,
            (short)updated.State,
            updated.Values?.ToArray(),
            updated.Completed?.UtcTicks,
            AttributeValues.ToJsonObject(updated.UserAttrs),
            AttributeValues.ToJsonObject(updated.SystemAttrs),
            token,
            knownToken,
            known.Params.Count,
            rows.Names,
            rows.Distributions,
            rows.Values,
            rows.Steps.Keys.ToArray(),
            rows.Steps.Values.ToArray(),
            rows.VectorSteps,
            rows.Vectors,
            rows.Length);
        return command.ExecuteScalar() is true ? updated : null;
    }

    /// <summary>
    /// The transaction of <see cref="UpdateTrial"/> in two round trips: BEGIN travels with the reads and COMMIT with the
    /// writes (Npgsql's transaction object would spend a third on its own commit). A caller whose call throws rolls back.
    /// </summary>
    private FrozenTrial WriteUpdate(NpgsqlConnection connection, long trialId, TrialUpdate update, Guid token, bool finishing)
    {
        // The row lock orders this update after any other on the same trial; the trial is read whole after it, by a
        // statement of its own: one that waited for the lock would read the parameters as they were before the wait.
        using var read = new NpgsqlBatch(connection);
        read.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
        if (!finishing || !_durable)
        {
            read.BatchCommands.Add(new NpgsqlBatchCommand(AsyncCommit));
        }

        read.BatchCommands.Add(BatchCommand("SELECT 1 FROM trials WHERE trial_id = $1 FOR UPDATE", trialId));
        read.BatchCommands.Add(BatchCommand($"SELECT {TrialColumns}, t.write_token FROM trials t {TrialJoins} WHERE t.trial_id = $1", trialId));
        FrozenTrial current;
        using (var reader = read.ExecuteReader())
        {
            // To the trial's row, past the results of the commands before it (BEGIN has none).
            while (reader.FieldCount <= 15 && reader.NextResult())
            {
            }

            if (!reader.Read())
            {
                throw MissingTrial(trialId);
            }

            current = ReadTrialRow(reader, 0);
            if (!reader.IsDBNull(15) && reader.GetGuid(15) == token)
            {
                // An earlier attempt of this call committed; its acknowledgement was lost.
                Rollback(connection);
                return current;
            }
        }

        var (updated, names, distributions, values, steps, vectorSteps, vectors, length) = UpdateRows.Of(current, update, this);

        using var write = new NpgsqlBatch(connection);
        write.BatchCommands.Add(BatchCommand(
            $"UPDATE trials SET state = $2, objective_values = $3::float8[], completed = $4::bigint, user_attrs = $5, system_attrs = $6, change_xid = {Xid}, write_token = $7 WHERE trial_id = $1",
            trialId,
            (short)updated.State,
            updated.Values?.ToArray(),
            updated.Completed?.UtcTicks,
            AttributeValues.ToJsonObject(updated.UserAttrs),
            AttributeValues.ToJsonObject(updated.SystemAttrs),
            token));
        if (names.Length > 0)
        {
            write.BatchCommands.Add(BatchCommand(
                "INSERT INTO trial_params (trial_id, ordinal, name, distribution, value) SELECT $1, $2 + x.ordinal - 1, x.name, x.distribution, x.value " +
                "FROM unnest($3::text[], $4::text[], $5::float8[]) WITH ORDINALITY AS x (name, distribution, value, ordinal)",
                trialId,
                current.Params.Count,
                names,
                distributions,
                values));
        }

        if (steps.Count > 0)
        {
            write.BatchCommands.Add(BatchCommand(
                "INSERT INTO trial_intermediate_values (trial_id, step, value) SELECT $1, x.step, x.value FROM unnest($2::int[], $3::float8[]) AS x (step, value) " +
                "ON CONFLICT (trial_id, step) DO UPDATE SET value = EXCLUDED.value, vector = NULL",
                trialId,
                steps.Keys.ToArray(),
                steps.Values.ToArray()));
        }

        if (vectorSteps.Length > 0)
        {
            write.BatchCommands.Add(BatchCommand(
                $"INSERT INTO trial_intermediate_values (trial_id, step, value, vector) SELECT $1, x.step, {VectorRow(3, 4)} FROM unnest($2::int[]) WITH ORDINALITY AS x (step, i) " +
                "ON CONFLICT (trial_id, step) DO UPDATE SET value = EXCLUDED.value, vector = EXCLUDED.vector",
                trialId,
                vectorSteps,
                vectors,
                length));
        }

        write.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        write.ExecuteNonQuery();
        return updated;
    }

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long trialId) => Run(write: false, (connection, _) => ReadTrial(connection, trialId));

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long studyId, int number) => Run(write: false, (connection, _) =>
    {
        using var command = Command(
            connection,
            $"SELECT {TrialColumns}, s.study_id FROM studies s LEFT JOIN trials t ON t.study_id = s.study_id AND t.number = $2 {TrialJoins} WHERE s.study_id = $1",
            studyId,
            number);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw MissingStudy(studyId);
        }

        return reader.IsDBNull(0)
            ? throw new TrialNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Study {studyId} has no trial {number}."))
            : ReadTrialRow(reader, 0);
    });

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states = null) =>
        WithCache(studyId, cache => TrialSelection.InStates(cache.Trials, cache.Unfinished, states));

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetFinishedTrials(long studyId, int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        return WithCache(studyId, cache => TrialSelection.After(cache.Finished, start));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _dataSource.Dispose();
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    private void Initialize() => Run(write: false, OpenRetryTimeout, (connection, _) =>
    {
        if (connection.PostgreSqlVersion.Major < 13)
        {
            throw new StorageException($"{Where} runs PostgreSQL {connection.PostgreSqlVersion}; Hone needs version 13 or later. Upgrade the server.");
        }

        if (ReadVersion(connection, null) == PostgresSchema.Version)
        {
            return 0;
        }

        using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);

        // Concurrent openers of a new database queue here, so that exactly one of them creates the tables.
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext($1))", "hone-schema:" + Schema);
        using (var exists = Command(connection, "SELECT 1 FROM pg_namespace WHERE nspname = $1", Schema))
        {
            exists.Transaction = transaction;
            if (exists.ExecuteScalar() is null)
            {
                Execute(connection, transaction, $"CREATE SCHEMA {Schema}");
            }
        }

        for (var v = ReadVersion(connection, transaction); v < PostgresSchema.Version; v++)
        {
            Execute(connection, transaction, PostgresSchema.Migrations[v]);
        }

        Execute(connection, transaction, "UPDATE hone_version SET version = $1", PostgresSchema.Version);
        transaction.Commit();
        return 0;
    });

    /// <summary>The schema version: 0 for an empty or missing schema.</summary>
    /// <exception cref="StorageException">The schema holds another program's tables, or a newer Hone's.</exception>
    private int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var tables = Command(
            connection,
            "SELECT ARRAY(SELECT tablename::text FROM pg_tables WHERE schemaname = $1 ORDER BY tablename), "
            + "(SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = $1), current_user::text",
            Schema);
        tables.Transaction = transaction;
        string[] names;
        using (var row = tables.ExecuteReader())
        {
            row.Read();
            names = (string[])row.GetValue(0);
            if (names.Length > 0 && !row.GetBoolean(1))
            {
                // PostgreSQL leaves such a schema out of the search path: its tables would seem not to exist.
                var user = row.GetString(2);
                throw new StorageException(
                    $"User '{user}' has no rights on schema '{Schema}' of {Database}, which another user created. Have its owner run GRANT USAGE ON SCHEMA {Schema} TO {user} (and GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Schema} TO {user}), or choose a schema of its own (?schema=name in the URL).");
            }
        }

        if (names.Length == 0)
        {
            return 0;
        }

        var foreign = new StorageException(
            $"Schema '{Schema}' of {Database} holds another program's tables ({string.Join(", ", names.Take(5))}); Hone will not write into it. Choose another schema (?schema=name in the URL, or PostgresStorageOptions.Schema).");
        if (!names.Contains(PostgresSchema.VersionTable, StringComparer.Ordinal))
        {
            throw foreign;
        }

        using var command = Command(connection, "SELECT application, version FROM hone_version");
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetString(0) != PostgresSchema.Application)
        {
            throw foreign;
        }

        var version = reader.GetInt32(1);
        return version <= PostgresSchema.Version
            ? version
            : throw new StorageException(string.Create(
                CultureInfo.InvariantCulture,
                $"Schema '{Schema}' of {Database} was written by a newer Hone (schema version {version}; this Hone reads up to {PostgresSchema.Version}). Upgrade Hone to open it."));
    }

    /// <summary>Creates a trial in one statement; with a <paramref name="claim"/>, only when this call claims it, in the same
    /// statement, so that no reader sees the claim without the trial.</summary>
    /// <returns>The trial, or <see langword="null"/> when the claim was taken before.</returns>
    private FrozenTrial? InsertTrial(long studyId, string? claim, TrialState state, TrialUpdate initial, DateTimeOffset now)
    {
        var token = Guid.NewGuid();
        var started = state == TrialState.Running ? new DateTimeOffset(now.UtcTicks, TimeSpan.Zero) : (DateTimeOffset?)null;
        var content = TrialUpdates.Apply(new FrozenTrial { Id = 0, Number = 0, State = state, Started = started }, initial with { State = null });
        var (names, distributions, values) = ParamArrays(content.Params.Entries());
        var steps = content.IntermediateValues.Keys.Where(s => !content.IntermediateVectors.ContainsKey(s)).ToArray();
        var (vectorSteps, vectors, length) = VectorArrays(content.IntermediateVectors.Keys, content.IntermediateVectors);

        // The claim and the numbering are one statement: the study row's lock, which numbering takes, is then held with the
        // claim, and a retry claim moves the study's count of replaced trials with its trial.
        var claiming = claim is null
            ? "WITH n AS (UPDATE studies SET next_number = next_number + 1 WHERE study_id = $1 RETURNING next_number - 1 AS number), "
            : "WITH c AS (INSERT INTO study_claims (study_id, key, write_token) VALUES ($1, $15, $6) ON CONFLICT DO NOTHING RETURNING 1), " +
              "n AS (UPDATE studies SET next_number = next_number + 1, replaced = replaced + $16 WHERE study_id = $1 AND EXISTS (SELECT 1 FROM c) RETURNING next_number - 1 AS number), ";
        return Run<FrozenTrial?>(write: true, (connection, attempt) =>
        {
            if (attempt > 0 && FindOwnTrial(connection, studyId, token) is { } mine)
            {
                return mine;
            }

            using var batch = Batch(connection, durable: true);
            batch.BatchCommands.Add(BatchCommand(
                claiming +
                $"t AS (INSERT INTO trials (study_id, number, state, started, user_attrs, system_attrs, change_xid, write_token) SELECT $1, n.number, $2, $3::bigint, $4, $5, {Xid}, $6 FROM n RETURNING trial_id, number), " +
                "p AS (INSERT INTO trial_params (trial_id, ordinal, name, distribution, value) SELECT t.trial_id, x.ordinal - 1, x.name, x.distribution, x.value " +
                "FROM t, unnest($7::text[], $8::text[], $9::float8[]) WITH ORDINALITY AS x (name, distribution, value, ordinal)), " +
                "v AS (INSERT INTO trial_intermediate_values (trial_id, step, value) SELECT t.trial_id, x.step, x.value FROM t, unnest($10::int[], $11::float8[]) AS x (step, value)), " +
                $"w AS (INSERT INTO trial_intermediate_values (trial_id, step, value, vector) SELECT t.trial_id, x.step, {VectorRow(13, 14)} FROM t, unnest($12::int[]) WITH ORDINALITY AS x (step, i)) " +
                "SELECT trial_id, number FROM t",
                [
                    studyId,
                    (short)state,
                    started?.UtcTicks,
                    AttributeValues.ToJsonObject(content.UserAttrs),
                    AttributeValues.ToJsonObject(content.SystemAttrs),
                    token,
                    names,
                    distributions,
                    values,
                    steps,
                    steps.Select(s => content.IntermediateValues[s]).ToArray(),
                    vectorSteps,
                    vectors,
                    length,
                    .. claim is null ? Array.Empty<object?>() : [claim, RetryClaim.Is(claim) ? 1 : 0],
                ]));
            try
            {
                using var reader = ExecuteReader(batch);
                if (reader.Read())
                {
                    return content with { Id = reader.GetInt64(0), Number = reader.GetInt32(1) };
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw MissingStudy(studyId);
            }

            // No row: the study is missing (without a claim), or the claim was taken before (the claim's foreign key
            // catches a missing study).
            return claim is null ? throw MissingStudy(studyId) : null;
        });
    }

    /// <summary>The trial that this call created or started in an earlier attempt whose acknowledgement was lost.</summary>
    private FrozenTrial? FindOwnTrial(NpgsqlConnection connection, long studyId, Guid token)
    {
        using var command = Command(connection, "SELECT trial_id FROM trials WHERE study_id = $1 AND write_token = $2", studyId, token);
        return command.ExecuteScalar() is long id ? ReadTrial(connection, id) : null;
    }

    /// <summary>The trials that this call wrote in an earlier attempt whose acknowledgement was lost.</summary>
    private List<FrozenTrial> OwnTrials(NpgsqlConnection connection, long studyId, Guid token)
    {
        using var command = Command(connection, $"SELECT {TrialColumns} FROM trials t {TrialJoins} WHERE t.study_id = $1 AND t.write_token = $2 ORDER BY t.number", studyId, token);
        using var reader = command.ExecuteReader();
        var trials = new List<FrozenTrial>();
        while (reader.Read())
        {
            trials.Add(ReadTrialRow(reader, 0));
        }

        return trials;
    }

    private static bool StudyExists(NpgsqlConnection connection, long studyId)
    {
        using var command = Command(connection, "SELECT 1 FROM studies WHERE study_id = $1", studyId);
        return command.ExecuteScalar() is not null;
    }

    private FrozenTrial ReadTrial(NpgsqlConnection connection, long trialId)
    {
        using var command = Command(connection, $"SELECT {TrialColumns} FROM trials t {TrialJoins} WHERE t.trial_id = $1", trialId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTrialRow(reader, 0) : throw MissingTrial(trialId);
    }

    private FrozenTrial ReadTrialRow(NpgsqlDataReader reader, int first)
    {
        var trial = new FrozenTrial
        {
            Id = reader.GetInt64(first),
            Number = reader.GetInt32(first + 1),
            State = (TrialState)reader.GetInt16(first + 2),
            Values = reader.IsDBNull(first + 3) ? null : reader.GetFieldValue<double[]>(first + 3),
            Started = reader.IsDBNull(first + 4) ? null : new DateTimeOffset(reader.GetInt64(first + 4), TimeSpan.Zero),
            Completed = reader.IsDBNull(first + 5) ? null : new DateTimeOffset(reader.GetInt64(first + 5), TimeSpan.Zero),
            UserAttrs = AttributeValues.ParseObject(reader.GetString(first + 6)),
            SystemAttrs = AttributeValues.ParseObject(reader.GetString(first + 7)),
        };
        if (!reader.IsDBNull(first + 8))
        {
            var names = reader.GetFieldValue<string[]>(first + 8);
            var distributions = reader.GetFieldValue<string[]>(first + 9);
            var values = reader.GetFieldValue<double[]>(first + 10);
            var entries = new (string, Distribution, double)[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                entries[i] = (names[i], ParseDistribution(distributions[i]), values[i]);
            }

            trial = trial with { Params = ParameterSet.Create(entries) };
        }

        if (!reader.IsDBNull(first + 11))
        {
            var steps = reader.GetFieldValue<int[]>(first + 11);
            var values = reader.GetFieldValue<double[]>(first + 12);
            var intermediate = new Dictionary<int, double>(steps.Length);
            for (var i = 0; i < steps.Length; i++)
            {
                intermediate[steps[i]] = values[i];
            }

            trial = trial with { IntermediateValues = intermediate };
        }

        if (!reader.IsDBNull(first + 13))
        {
            var steps = reader.GetFieldValue<int[]>(first + 13);
            var rows = reader.GetFieldValue<double[,]>(first + 14);
            var vectors = new Dictionary<int, IReadOnlyList<double>>(steps.Length);
            for (var i = 0; i < steps.Length; i++)
            {
                var vector = new double[rows.GetLength(1)];
                for (var k = 0; k < vector.Length; k++)
                {
                    vector[k] = rows[i, k];
                }

                vectors[steps[i]] = vector;
            }

            trial = trial with { IntermediateVectors = vectors };
        }

        return trial;
    }

    /// <summary>Brings the study's trial cache up to date with the trials changed since its last read, then uses it.</summary>
    private T WithCache<T>(long studyId, Func<TrialCache, T> use)
    {
        var cache = _caches.GetOrAdd(studyId, _ => new TrialCache());
        lock (cache)
        {
            var (exists, horizon, inProgress, changed) = Run(write: false, (connection, _) => ReadChanges(connection, studyId, cache));
            if (!exists)
            {
                _caches.TryRemove(studyId, out _);
                throw MissingStudy(studyId);
            }

            foreach (var trial in changed)
            {
                TrialSelection.Record(cache.Trials, cache.Finished, cache.Unfinished, trial);
            }

            (cache.Horizon, cache.InProgress) = (horizon, inProgress);
            return use(cache);
        }
    }

    /// <summary>
    /// Reads, in one statement and so one snapshot, the trials that the cache's previous snapshot could not see (changed by
    /// transactions at or past its horizon, or in progress then) and this snapshot's horizon and in-progress list.
    /// </summary>
    private (bool Exists, long Horizon, long[] InProgress, List<FrozenTrial> Changed) ReadChanges(NpgsqlConnection connection, long studyId, TrialCache cache)
    {
        using var command = Command(
            connection,
            "SELECT s.study_id, snap.horizon, snap.running, " + TrialColumns + " " +
            "FROM (SELECT pg_snapshot_xmax(c)::text::bigint AS horizon, ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(c) AS x) AS running FROM pg_current_snapshot() AS c) AS snap " +
            "LEFT JOIN studies s ON s.study_id = $1 " +
            "LEFT JOIN trials t ON t.study_id = s.study_id AND t.change_xid >= $4 AND (t.change_xid >= $2 OR t.change_xid = ANY ($3)) " +
            TrialJoins + " ORDER BY t.change_xid, t.trial_id",
            studyId,
            cache.Horizon,
            cache.InProgress,

            // The oldest transaction not seen, a bound that the index on (study_id, change_xid) can seek to.
            cache.InProgress.Length > 0 ? Math.Min(cache.InProgress.Min(), cache.Horizon) : cache.Horizon);
        using var reader = command.ExecuteReader();
        var changed = new List<FrozenTrial>();
        var (exists, horizon, inProgress) = (false, 0L, Array.Empty<long>());
        while (reader.Read())
        {
            (exists, horizon, inProgress) = (!reader.IsDBNull(0), reader.GetInt64(1), reader.GetFieldValue<long[]>(2));
            if (!reader.IsDBNull(3))
            {
                changed.Add(ReadTrialRow(reader, 3));
            }
        }

        return (exists, horizon, inProgress, changed);
    }

    private List<StudySummary> ReadStudies(string condition, object? key) => Run(write: false, (connection, _) =>
    {
        using var command = key is null
            ? Command(connection, $"SELECT study_id, name, directions, user_attrs, system_attrs, created, next_number FROM studies {condition} ORDER BY study_id")
            : Command(connection, $"SELECT study_id, name, directions, user_attrs, system_attrs, created, next_number FROM studies {condition} ORDER BY study_id", key);
        using var reader = command.ExecuteReader();
        var studies = new List<StudySummary>();
        while (reader.Read())
        {
            studies.Add(new StudySummary(
                reader.GetInt64(0),
                reader.GetString(1),
                JsonSerializer.Deserialize<string[]>(reader.GetString(2))!.Select(Enum.Parse<StudyDirection>).ToArray(),
                AttributeValues.ParseObject(reader.GetString(3)),
                AttributeValues.ParseObject(reader.GetString(4)),
                reader.GetInt32(6),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        }

        return studies;
    });

    private (string[] Names, string[] Distributions, double[] Values) ParamArrays(IEnumerable<(string Name, Distribution Distribution, double Value)> entries)
    {
        var list = entries as IReadOnlyCollection<(string Name, Distribution Distribution, double Value)> ?? entries.ToList();
        var (names, distributions, values) = (new string[list.Count], new string[list.Count], new double[list.Count]);
        var i = 0;
        foreach (var (name, distribution, value) in list)
        {
            (names[i], distributions[i], values[i]) = (name, DistributionJson(distribution), value);
            i++;
        }

        return (names, distributions, values);
    }

    /// <summary>The value and vector columns of row <c>x.i</c> (from 1) of the flattened vectors in parameter
    /// <paramref name="flat"/>, rows of the length in parameter <paramref name="length"/>.</summary>
    private static string VectorRow(int flat, int length) => string.Create(
        CultureInfo.InvariantCulture,
        $"(${flat}::float8[])[(x.i - 1) * ${length}::int + 1], (${flat}::float8[])[(x.i - 1) * ${length}::int + 1 : x.i * ${length}::int]");

    /// <summary>The vectors of some steps, flattened into one array of rows of one length, for <see cref="VectorRow"/>.</summary>
    private static (int[] Steps, double[] Flat, int Length) VectorArrays(IEnumerable<int> steps, IReadOnlyDictionary<int, IReadOnlyList<double>> vectors)
    {
        var chosen = steps.ToArray();
        var length = chosen.Length == 0 ? 0 : vectors[chosen[0]].Count;
        var flat = new double[chosen.Length * length];
        for (var i = 0; i < chosen.Length; i++)
        {
            var vector = vectors[chosen[i]];
            for (var k = 0; k < length; k++)
            {
                flat[(i * length) + k] = vector[k];
            }
        }

        return (chosen, flat, length);
    }

    private string DistributionJson(Distribution distribution) =>
        _distributionJson.GetOrAdd(distribution, d => JsonSerializer.Serialize(d));

    private Distribution ParseDistribution(string json) =>
        _distributions.GetOrAdd(json, j => JsonSerializer.Deserialize<Distribution>(j)!);

    private T Run<T>(bool write, Func<NpgsqlConnection, int, T> operation) => Run(write, _retryTimeout, operation);

    /// <summary>
    /// Runs an operation on a pooled connection, retrying transient failures with exponential backoff and jitter for up
    /// to <paramref name="retryTimeout"/>; the operation learns its attempt number, so that a retried write can look for
    /// its own earlier commit.
    /// </summary>
    private T Run<T>(bool write, TimeSpan retryTimeout, Func<NpgsqlConnection, int, T> operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var start = Stopwatch.GetTimestamp();
        var delay = _retryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                T result;
                using (var connection = _dataSource.OpenConnection())
                {
                    result = operation(connection, attempt);
                }

                if (write && FaultAfterWrite?.Invoke() is { } fault)
                {
                    throw fault;
                }

                return result;
            }
            catch (Exception e) when (IsTransient(e) && Stopwatch.GetElapsedTime(start) + delay <= retryTimeout && !_disposed)
            {
                if (e is not PostgresException { SqlState: "40001" or "40P01" })
                {
                    // The other idle connections in the pool most likely died with this one (a server restart).
                    _dataSource.Clear();
                }

                Thread.Sleep(delay * (0.5 + (Random.Shared.NextDouble() / 2)));
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (NpgsqlException e)
            {
                throw Explain(e, retryTimeout);
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => TransientStates.Contains(p.SqlState),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException,
        _ => false,
    };

    private StorageException Explain(NpgsqlException e, TimeSpan retryTimeout)
    {
        var retried = retryTimeout > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $" (retried for {retryTimeout.TotalSeconds:0.#} s)")
            : string.Empty;
        var message = e switch
        {
            PostgresException { SqlState: "28P01" or "28000" } p =>
                $"PostgreSQL at {Database} refused the login: {p.MessageText}. Check the user name and password in the URL (postgresql://user:password@host:port/database).",
            PostgresException { SqlState: "3D000" } =>
                $"The database of {Database} does not exist. Create it (createdb, or CREATE DATABASE) or fix its name in the URL.",
            PostgresException { SqlState: "42501" } p =>
                $"{Where} denied an operation: {p.MessageText}. Grant the user rights on the schema, or choose a schema it owns (?schema=name).",
            PostgresException p when TransientStates.Contains(p.SqlState) =>
                $"{Where} kept failing{retried}: {p.MessageText} ({p.SqlState}). Check that the server is up and not overloaded.",
            PostgresException p =>
                $"PostgreSQL error on {Where}: {p.MessageText} ({p.SqlState}).",
            { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } =>
                $"Cannot connect to PostgreSQL at {Database}: connection refused{retried}. Start the server, or fix the host and port in the URL.",
            { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } } =>
                $"Cannot connect to PostgreSQL at {Database}: unknown host{retried}. Fix the host in the URL.",
            { InnerException: TimeoutException } =>
                $"PostgreSQL at {Database} did not answer in time{retried}. Check that the server is up and reachable, or raise the timeouts.",
            _ when IsTransient(e) => $"Lost the connection to PostgreSQL at {Database}{retried}: {e.Message} Check that the server is up and reachable.",

            // Refused by Npgsql itself before any retry: a missing password, sslmode=require against a server without SSL.
            _ => $"PostgreSQL at {Database} refused the connection: {e.Message.TrimEnd('.')}. Check the user name, password and sslmode in the URL (postgresql://user:password@host:port/database?sslmode=...).",
        };
        return new StorageException(message.ReplaceLineEndings(" "), e);
    }

    private StudyNotFoundException MissingStudy(long studyId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"No study with id {studyId} in {Where}."));

    private TrialNotFoundException MissingTrial(long trialId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"No trial with id {trialId} in {Where}."));

    /// <summary>A batch, which runs as one transaction unless it is part of one; it commits without waiting for the disk
    /// when <paramref name="durable"/> is false or the storage is not <see cref="PostgresStorageOptions.Durable"/>.</summary>
    private NpgsqlBatch Batch(NpgsqlConnection connection, bool durable, NpgsqlTransaction? transaction = null)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        if (!durable || !_durable)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(AsyncCommit));
        }

        return batch;
    }

    /// <summary>Runs a batch and moves to the result of its last command.</summary>
    private static NpgsqlDataReader ExecuteReader(NpgsqlBatch batch)
    {
        var reader = batch.ExecuteReader();
        for (var i = 1; i < batch.BatchCommands.Count; i++)
        {
            reader.NextResult();
        }

        return reader;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] arguments)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] arguments)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Ends a transaction begun by a raw BEGIN that will not commit, so that the connection goes back to the pool
    /// idle; a connection that broke meanwhile is discarded by the pool anyway.</summary>
    private static void Rollback(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            using var command = new NpgsqlCommand("ROLLBACK", connection);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The caller's own error is the one to report.
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object?[] arguments)
    {
        using var command = Command(connection, sql, arguments);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>What an update writes besides the trial's row, as the updated record holds it: the parameters the trial
    /// did not have, the steps written with a single value, and those written with a vector (whose value is its first).</summary>
    private sealed record UpdateRows(FrozenTrial Updated, string[] Names, string[] Distributions, double[] Values, Dictionary<int, double> Steps, int[] VectorSteps, double[] Vectors, int Length)
    {
        public static UpdateRows Of(FrozenTrial current, TrialUpdate update, PostgresStorage storage)
        {
            var updated = TrialUpdates.Apply(current, update);
            var fresh = update.Params.Where(p => !current.Params.ContainsKey(p.Name)).DistinctBy(p => p.Name).ToList();
            var (names, distributions, values) = storage.ParamArrays(fresh);
            var touched = update.IntermediateValues.Select(kv => kv.Key).Concat(update.IntermediateVectors.Select(kv => kv.Key)).ToHashSet();
            var steps = touched.Where(s => !updated.IntermediateVectors.ContainsKey(s)).ToDictionary(s => s, s => updated.IntermediateValues[s]);
            var (vectorSteps, vectors, length) = VectorArrays(touched.Where(updated.IntermediateVectors.ContainsKey), updated.IntermediateVectors);
            return new UpdateRows(updated, names, distributions, values, steps, vectorSteps, vectors, length);
        }
    }

    private sealed class TrialCache
    {
        /// <summary>The horizon (<c>xmax</c>) of the last read's snapshot: transactions from it on were not seen.</summary>
        public long Horizon { get; set; }

        /// <summary>Transactions in progress at the last read, whose changes it could not see.</summary>
        public long[] InProgress { get; set; } = [];

        public List<FrozenTrial?> Trials { get; } = [];

        /// <summary>Finished trials in the order this instance first read them finished.</summary>
        public List<FrozenTrial> Finished { get; } = [];

        /// <summary>The numbers of the waiting and running trials, ascending.</summary>
        public List<int> Unfinished { get; } = [];
    }
}

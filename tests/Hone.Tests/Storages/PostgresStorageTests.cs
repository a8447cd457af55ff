using System.Collections.Concurrent;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;
using Npgsql;

namespace Hone.Tests.Storages;

[Collection(PostgresCollection.Name)]
[RequiresEnvironment(PostgresTestDatabase.Variable, PostgresTestDatabase.HowTo)]
public sealed class PostgresStorageTests(PostgresTestDatabase database) : StorageContractTests
{
    [Fact]
    public void Open_PostgresqlAndPostgresUrls_OpenTheSameSchema()
    {
        var schema = database.NewSchema();

        using (var storage = Assert.IsType<PostgresStorage>(Storage.Open($"{database.Url}?schema={schema}")))
        {
            Assert.Equal(schema, storage.Schema);
            Assert.Equal($"{database.Settings.Host}:{database.Settings.Port}/{database.Settings.Database}", storage.Database);
            storage.CreateStudy("by-url", [StudyDirection.Minimize], T0);
        }

        using var again = Storage.Open($"postgres{database.Url["postgresql".Length..]}?schema={schema}");
        Assert.Equal("by-url", Assert.Single(again.GetAllStudies()).Name);
    }

    [Fact]
    public void Reopen_AfterDispose_KeepsStudiesAndTrials()
    {
        var schema = database.NewSchema();
        string[] before;
        long id;
        using (var storage = database.Open(schema))
        {
            id = storage.CreateStudy("kept", [StudyDirection.Maximize], T0);
            storage.SetStudyAttr(id, "owner", "ada");
            var trial = storage.StartTrial(id, T0);
            storage.UpdateTrial(trial.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.5], Completed = At(1), Params = [("x", new IntDistribution(0, 9), 3)] });
            storage.CreateTrial(id, TrialState.Waiting, new TrialUpdate { Params = [("x", new IntDistribution(0, 9), 4)] }, At(2));
            before = storage.GetAllTrials(id).Select(TrialText.Describe).ToArray();
        }

        using var reopened = database.Open(schema);

        var study = Assert.Single(reopened.GetAllStudies());
        Assert.Equal("ada", study.UserAttrs["owner"]);
        Assert.Equal(before, reopened.GetAllTrials(id).Select(TrialText.Describe));
        Assert.Equal(1, reopened.StartTrial(id, At(3)).Number);
        Assert.Equal(2, reopened.StartTrial(id, At(3)).Number);
    }

    [Fact]
    public void Open_SchemaVersion1_MigratesInPlaceKeepingItsTrials()
    {
        var schema = database.NewSchema();
        var distribution = System.Text.Json.JsonSerializer.Serialize<Distribution>(new IntDistribution(0, 9));

        // The first schema, with a study and a trial written as version 1 wrote them.
        database.Execute(FormattableString.Invariant($$"""
            BEGIN;
            CREATE SCHEMA {{schema}};
            SET LOCAL search_path = {{schema}};
            {{PostgresSchema.Migrations[0]}}
            UPDATE hone_version SET version = 1;
            INSERT INTO studies (name, directions, created, next_number) VALUES ('old', '["Minimize"]', {{T0.UtcTicks}}, 1);
            INSERT INTO trials (study_id, number, state, objective_values, started, completed, change_xid)
                SELECT study_id, 0, 1, '{0.5}', {{T0.UtcTicks}}, {{At(1).UtcTicks}}, pg_current_xact_id()::text::bigint FROM studies;
            INSERT INTO trial_params (trial_id, ordinal, name, distribution, value) SELECT trial_id, 0, 'x', '{{distribution}}', 3 FROM trials;
            INSERT INTO trial_intermediate_values (trial_id, step, value) SELECT trial_id, x.step, x.value FROM trials, (VALUES (0, 0.75::float8), (1, 'NaN'::float8)) AS x (step, value);
            COMMIT;
            """));

        using (var storage = database.Open(schema))
        {
            var old = Assert.Single(storage.GetAllTrials(storage.GetStudy("old").Id));
            Assert.Equal(
                FormattableString.Invariant($"#0 id={old.Id} Complete values=[0.5] params=[x:{distribution}=3;] steps=[0=0.75;1=NaN;] vectors=[] user={{}} system={{}} started={T0.UtcTicks} completed={At(1).UtcTicks}"),
                TrialText.Describe(old));

            var id = storage.CreateStudy("new", [StudyDirection.Minimize, StudyDirection.Maximize], T0);
            var trial = storage.StartTrial(id, T0);
            storage.UpdateTrial(trial.Id, new TrialUpdate { IntermediateVectors = [new(0, [0.5, 120])] });
        }

        using var reopened = database.Open(schema);
        Assert.Equal([0.5, 120], reopened.GetAllTrials(reopened.GetStudy("new").Id)[0].IntermediateVectors[0]);
        Assert.Equal(PostgresSchema.Version, database.Execute($"SELECT version FROM {schema}.hone_version"));
    }

    [Fact]
    public void Open_SchemaOfANewerHone_RefusesWithOneLineError()
    {
        var schema = database.NewSchema();
        database.Open(schema).Dispose();
        database.Execute($"UPDATE {schema}.hone_version SET version = 99");

        var error = Assert.Throws<StorageException>(() => database.Open(schema));

        Assert.Contains("newer Hone", error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Open_SchemaVersion1_MigratesAndKeepsItsRunningTrialsOutOfStaleSweeps()
    {
        var schema = database.NewSchema();
        database.Execute(
            $"CREATE SCHEMA {schema}; SET search_path = {schema}; " + PostgresSchema.Migrations[0] +
            $"UPDATE {schema}.hone_version SET version = 1; " +
            $"INSERT INTO {schema}.studies (name, directions, created, next_number) VALUES ('old', '[\"Minimize\"]', 0, 1); " +
            $"INSERT INTO {schema}.trials (study_id, number, state, started, change_xid) SELECT study_id, 0, 0, 0, 1 FROM {schema}.studies");

        using var storage = database.Open(schema);
        var id = storage.GetStudy("old").Id;
        var fresh = storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        var stale = storage.FailStaleTrials(id, At(1), new TrialUpdate { State = TrialState.Failed, Completed = At(1) });

        Assert.Equal(1, fresh.Number);
        Assert.Equal(fresh.Number, Assert.Single(stale).Number);
        Assert.Equal([TrialState.Running, TrialState.Failed], storage.GetAllTrials(id).Select(t => t.State));
        Assert.Equal(PostgresSchema.Version, Convert.ToInt32(database.Execute($"SELECT version FROM {schema}.hone_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Open_SchemaVersion3_MigratesCountingTheTrialsItsRetryClaimsReplaced()
    {
        var schema = database.NewSchema();
        database.Execute(
            $"CREATE SCHEMA {schema}; SET search_path = {schema}; " + string.Concat(PostgresSchema.Migrations.Take(3)) +
            $"UPDATE {schema}.hone_version SET version = 3; " +
            $"INSERT INTO {schema}.studies (name, directions, created, next_number) VALUES ('old', '[\"Minimize\"]', 0, 2); " +
            $"INSERT INTO {schema}.trials (study_id, number, state, started, change_xid) SELECT study_id, n, 2, 0, 1 FROM {schema}.studies, generate_series(0, 1) AS n; " +
            $"INSERT INTO {schema}.study_claims (study_id, key) SELECT study_id, k FROM {schema}.studies, unnest(ARRAY['retry:0', 'grid:1']) AS k");

        using var storage = database.Open(schema);
        var id = storage.GetStudy("old").Id;
        var started = storage.TryStartTrial(id, T0, 2, heartbeat: false);
        var beyond = storage.TryStartTrial(id, T0, 2, heartbeat: false);

        Assert.Equal(2, started?.Number);
        Assert.Null(beyond);
        Assert.Equal(PostgresSchema.Version, Convert.ToInt32(database.Execute($"SELECT version FROM {schema}.hone_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Open_SchemaWithAnotherProgramsTables_RefusesAndLeavesThemAlone()
    {
        var schema = database.NewSchema();
        database.Execute($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.studies (study_id int); CREATE TABLE {schema}.trials (trial_id int)");

        var error = Assert.Throws<StorageException>(() => database.Open(schema));

        Assert.Contains("another program", error.Message, StringComparison.Ordinal);
        Assert.Contains("studies, trials", error.Message, StringComparison.Ordinal);
        Assert.Equal(2L, database.Execute($"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}'"));
    }

    [Fact]
    public void Open_SchemaOfAnotherUserWithoutRights_SaysWhichGrantIsMissing()
    {
        // PostgreSQL leaves a schema the user may not use out of its search path, so the tables seem not to exist.
        var schema = database.NewSchema();
        database.Open(schema).Dispose();
        var role = "hone_test_" + Guid.NewGuid().ToString("N")[..12];
        database.Execute($"CREATE ROLE {role} LOGIN PASSWORD 'hone-test'");
        try
        {
            var settings = database.Settings;
            (settings.Username, settings.Password) = (role, "hone-test");
            var options = new PostgresStorageOptions { Schema = schema, RetryTimeout = TimeSpan.Zero };

            var error = Assert.Throws<StorageException>(() => new PostgresStorage(settings.ConnectionString, options));

            Assert.Contains($"User '{role}' has no rights on schema '{schema}'", error.Message, StringComparison.Ordinal);
            Assert.Contains($"GRANT USAGE ON SCHEMA {schema} TO {role}", error.Message, StringComparison.Ordinal);
            Assert.Equal(1L, database.Execute($"SELECT count(*) FROM {schema}.hone_version"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            database.Execute($"DROP ROLE {role}");
        }
    }

    [Fact]
    public void Open_ManyAtOnceOnANewSchema_CreateItOnce()
    {
        const int Openers = 6;
        var schema = database.NewSchema();
        using var barrier = new Barrier(Openers);
        var storages = new ConcurrentBag<PostgresStorage>();
        var errors = new ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, Openers).Select(_ => new Thread(() =>
        {
            barrier.SignalAndWait();
            try
            {
                storages.Add(database.Open(schema));
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        try
        {
            Assert.Empty(errors);
            var id = storages.First().CreateStudy("one", [StudyDirection.Minimize], T0);
            Assert.All(storages, s => Assert.Equal(id, s.GetStudy("one").Id));
            Assert.Equal(1L, database.Execute($"SELECT count(*) FROM {schema}.hone_version"));
        }
        finally
        {
            foreach (var storage in storages)
            {
                storage.Dispose();
            }
        }
    }

    [Fact]
    public void Open_MissingDatabase_SaysSoAndHowToFixIt()
    {
        var settings = database.Settings;
        settings.Database = "hone_no_such_database";

        var error = Assert.Throws<StorageException>(() => new PostgresStorage(settings.ConnectionString, new PostgresStorageOptions { RetryTimeout = TimeSpan.Zero }));

        Assert.Contains("hone_no_such_database", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NothingListening_ThrowsConnectionRefusedAfterRetrying()
    {
        var options = new PostgresStorageOptions { RetryTimeout = TimeSpan.FromMilliseconds(200), RetryDelay = TimeSpan.FromMilliseconds(10) };

        var error = Assert.Throws<StorageException>(() => new PostgresStorage("postgresql://hone@127.0.0.1:1/hone", options));

        Assert.Contains("127.0.0.1:1/hone", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("retried for 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Write_ClientSideRefusal_SaysWhatToCheckWithoutClaimingRetriesOrALostConnection()
    {
        // Npgsql refuses a missing password, or sslmode=require against a server without SSL, before any retry: neither is
        // a lost connection, and the server is up.
        using var storage = database.Open(database.NewSchema());
        storage.FaultAfterWrite = () => new NpgsqlException("No password has been provided but the backend requires one (in SASL/SCRAM-SHA-256)");

        var error = Assert.Throws<StorageException>(() => storage.CreateStudy("refused", [StudyDirection.Minimize], T0));

        Assert.StartsWith("PostgreSQL at ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" refused the connection: No password has been provided but the backend requires one (in SASL/SCRAM-SHA-256). Check the user name, password and sslmode", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("retried", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Lost the connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_AcknowledgementLostOnce_ApplyExactlyOnce()
    {
        using var storage = database.Open(database.NewSchema());
        var lost = 0;
        var fail = true;

        // Every write commits, then loses its acknowledgement once and is retried.
        storage.FaultAfterWrite = () =>
        {
            fail = !fail;
            if (fail)
            {
                return null;
            }

            lost++;
            return new NpgsqlException("simulated loss of the connection after the commit", new IOException("connection reset"));
        };
        var id = storage.CreateStudy("retried", [StudyDirection.Minimize], T0);
        storage.SetStudyAttr(id, "k", 1);
        var first = storage.StartTrial(id, At(1));
        var enqueued = storage.CreateTrial(id, TrialState.Waiting, new TrialUpdate { Params = [("x", new IntDistribution(0, 9), 7)] }, At(2));
        var taken = storage.StartTrial(id, At(3));
        storage.UpdateTrial(first.Id, new TrialUpdate { IntermediateValues = [new(0, 0.5)] });
        var finished = storage.UpdateTrial(first.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.0], Completed = At(4) });
        var claimed = storage.TryClaim(id, "grid:1");
        var other = storage.CreateStudy("doomed", [StudyDirection.Minimize], T0);
        storage.DeleteStudy(other);

        Assert.Equal(10, lost);
        Assert.Equal([0, 1, 1], new[] { first, enqueued, taken }.Select(t => t.Number));
        Assert.Equal(enqueued.Id, taken.Id);
        Assert.Equal(7.0, taken.InternalParams["x"]);
        Assert.Equal(TrialState.Complete, finished.State);
        Assert.True(claimed);
        storage.FaultAfterWrite = null;
        Assert.False(storage.TryClaim(id, "grid:1"));
        var trials = storage.GetAllTrials(id);
        Assert.Equal([0, 1], trials.Select(t => t.Number));
        Assert.Equal(TrialText.Describe(finished), TrialText.Describe(trials[0]));
        Assert.Equal(0.5, trials[0].IntermediateValues[0]);
        Assert.Equal(TrialState.Running, trials[1].State);
        Assert.Equal(1L, Assert.Single(storage.GetAllStudies()).UserAttrs["k"]);
        Assert.Throws<TrialAlreadyFinishedException>(() => storage.UpdateTrial(first.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.0], Completed = At(4) }));
    }

    [Fact]
    public void UpdateTrial_AnotherInstanceWroteTheTrialSince_KeepsBothWrites()
    {
        // An instance writes the trials it started in one statement, from what it last wrote: that must not apply
        // over a write another instance made in between.
        var schema = database.NewSchema();
        using var mine = database.Open(schema);
        using var other = database.Open(schema);
        var id = mine.CreateStudy("shared", [StudyDirection.Minimize], T0);
        var trial = mine.StartTrial(id, T0);
        mine.UpdateTrial(trial.Id, new TrialUpdate { Params = [("x", new IntDistribution(0, 9), 3)], IntermediateValues = [new(0, 0.5)] });

        other.UpdateTrial(trial.Id, new TrialUpdate { Params = [("y", new IntDistribution(0, 9), 4)], UserAttrs = [new("note", "from the other")] });
        mine.UpdateTrial(trial.Id, new TrialUpdate { Params = [("z", new IntDistribution(0, 9), 5)], IntermediateValues = [new(1, 0.25)] });
        mine.UpdateTrial(trial.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.0], Completed = At(2) });

        var stored = other.GetTrial(trial.Id);
        Assert.Equal(TrialState.Complete, stored.State);
        Assert.Equal("from the other", stored.UserAttrs["note"]);
        Assert.Equal(["x", "y", "z"], stored.Params.Entries().Select(p => p.Name));
        Assert.Equal([0, 1], stored.IntermediateValues.Keys.Order());
    }

    [Fact]
    public void UpdateTrial_FailedAsStaleByAnotherInstance_RefusesTheLateResult()
    {
        var schema = database.NewSchema();
        using var mine = database.Open(schema);
        using var other = database.Open(schema);
        var id = mine.CreateStudy("stale", [StudyDirection.Minimize], T0);
        var trial = mine.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        mine.UpdateTrial(trial.Id, new TrialUpdate { IntermediateValues = [new(0, 0.5)] });

        Assert.Single(other.FailStaleTrials(id, At(1), new TrialUpdate { State = TrialState.Failed, Completed = At(1) }));

        Assert.Throws<TrialAlreadyFinishedException>(() => mine.UpdateTrial(trial.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.0], Completed = At(2) }));
        Assert.Equal(TrialState.Failed, other.GetTrial(trial.Id).State);
    }

    [Fact]
    public void GetAllTrials_ChangeCommittedAfterALaterOne_IsStillRead()
    {
        var schema = database.NewSchema();
        using var storage = database.Open(schema);
        using var reader = database.Open(schema);
        var id = storage.CreateStudy("late", [StudyDirection.Minimize], T0);
        var early = storage.StartTrial(id, T0);
        var later = storage.StartTrial(id, T0);
        Assert.Equal(2, reader.GetAllTrials(id).Count);

        // Another writer's transaction changes a trial first but commits last.
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using (var transaction = connection.BeginTransaction())
        {
            using var command = new NpgsqlCommand(
                $"UPDATE {schema}.trials SET state = 1, objective_values = '{{5}}', completed = 0, change_xid = pg_current_xact_id()::text::bigint WHERE trial_id = {early.Id}",
                connection,
                transaction);
            command.ExecuteNonQuery();
            storage.UpdateTrial(later.Id, new TrialUpdate { State = TrialState.Complete, Values = [1.0], Completed = At(1) });
            Assert.Equal([TrialState.Running, TrialState.Complete], reader.GetAllTrials(id).Select(t => t.State));
            transaction.Commit();
        }

        var trials = reader.GetAllTrials(id);
        Assert.Equal([TrialState.Complete, TrialState.Complete], trials.Select(t => t.State));
        Assert.Equal(5.0, trials[0].Value);
        Assert.Equal([later.Id, early.Id], reader.GetFinishedTrials(id, 0).Select(t => t.Id));
    }

    [Fact]
    public void Optimize_FourInstancesWithThreadsAndEnqueuedTrials_RunEachTrialOnce()
    {
        const int Instances = 4;
        const int Enqueued = 20;
        const int TrialsPerInstance = 30;
        var schema = database.NewSchema();
        using var setup = database.Open(schema);
        var creator = Study.Create(new StudyOptions { Name = "fleet", Storage = setup });
        for (var i = 0; i < Enqueued; i++)
        {
            creator.EnqueueTrial(new Dictionary<string, object?> { ["x"] = (double)i });
        }

        var storages = Enumerable.Range(0, Instances).Select(_ => database.Open(schema)).ToList();
        try
        {
            Parallel.ForEach(storages, new ParallelOptions { MaxDegreeOfParallelism = Instances }, (storage, _, index) =>
                Study.Load("fleet", storage, new RandomSampler((int)index)).Optimize(
                    t => t.SuggestFloat("x", 0, 100),
                    new OptimizeOptions { Trials = TrialsPerInstance, Parallelism = 3, ShowProgress = false }));
        }
        finally
        {
            storages.ForEach(s => s.Dispose());
        }

        var trials = setup.GetAllTrials(creator.Id);
        Assert.Equal(Enumerable.Range(0, Instances * TrialsPerInstance), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(Enumerable.Range(0, Enqueued).Select(i => (double)i), trials.Take(Enqueued).Select(t => t.InternalParams["x"]));
    }

    [Fact]
    public void Optimize_ConnectionsKilledAgainAndAgain_KeepsEveryTrialOnce()
    {
        const int Trials = 100;
        const int KillEvery = 10;
        var schema = database.NewSchema();
        using var storage = database.Open(schema, new PostgresStorageOptions { Durable = false, RetryDelay = TimeSpan.FromMilliseconds(5) });
        var study = Study.Create(new StudyOptions { Name = "killed", Storage = storage, Sampler = new RandomSampler(1) });
        var finished = 0;
        var killed = 0L;

        // As a server restart or a network cut would, end every connection the storage holds, busy or idle, every few
        // trials; the other workers are somewhere in the middle of their own trials then.
        study.Optimize(
            t => t.SuggestFloat("x", 0, 1) + t.SuggestInt("n", 0, 9),
            new OptimizeOptions
            {
                Trials = Trials,
                Parallelism = 4,
                ShowProgress = false,
                Callbacks =
                {
                    (_, _) =>
                    {
                        if (Interlocked.Increment(ref finished) % KillEvery == 0)
                        {
                            Interlocked.Add(ref killed, (long)database.Execute(
                                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hone' AND pid <> pg_backend_pid()")!);
                        }
                    },
                },
            });

        var trials = storage.GetAllTrials(study.Id);
        Assert.True(killed >= Trials / KillEvery, $"only {killed} connections were killed");
        Assert.Equal(Enumerable.Range(0, Trials), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(2, t.Params.Count));
    }

    protected override IStorage CreateStorage() => database.Open(database.NewSchema());

    protected override IStorage OpenAnother(IStorage storage) => database.Open(((PostgresStorage)storage).Schema);
}

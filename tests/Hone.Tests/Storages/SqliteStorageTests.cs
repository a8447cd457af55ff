using System.Globalization;
using Hone.Distributions;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Microsoft.Data.Sqlite;

namespace Hone.Tests.Storages;

public class SqliteStorageTests : StorageContractTests
{
    // Not durable: the contract is the same, and skipping an fsync per commit keeps the suite fast.
    private static readonly SqliteStorageOptions Fast = new() { Durable = false };
    private readonly string _directory = Directory.CreateTempSubdirectory("hone-sqlite-").FullName;
    private int _files;

    [Fact]
    public void Reopen_AfterDispose_KeepsStudiesAndTrials()
    {
        var path = NewPath();
        string[] before;
        using (var storage = new SqliteStorage(path))
        {
            var id = storage.CreateStudy("kept", [StudyDirection.Maximize], T0);
            storage.SetStudyAttr(id, "owner", "ada");
            WriteSomeTrials(storage, id);
            before = storage.GetAllTrials(id).Select(TrialText.Describe).ToArray();
        }

        using var reopened = new SqliteStorage(path);

        var study = Assert.Single(reopened.GetAllStudies());
        Assert.Equal("kept", study.Name);
        Assert.Equal([StudyDirection.Maximize], study.Directions);
        Assert.Equal("ada", study.UserAttrs["owner"]);
        Assert.Equal(T0, study.Created);
        Assert.Equal(before, reopened.GetAllTrials(study.Id).Select(TrialText.Describe));
        Assert.Equal(3, reopened.StartTrial(study.Id, At(9)).Number);
        Assert.Equal(4, reopened.StartTrial(study.Id, At(9)).Number);
    }

    [Fact]
    public void SecondInstance_AfterWritesOfTheFirst_SeesNewAndChangedTrials()
    {
        var path = NewPath();
        using var first = new SqliteStorage(path, Fast);
        using var second = new SqliteStorage(path, Fast);
        var id = first.CreateStudy("shared", [StudyDirection.Minimize], T0);
        var trials = Enumerable.Range(0, 3).Select(i => first.StartTrial(id, At(i))).ToList();
        Assert.Equal(trials.Select(TrialText.Describe), second.GetAllTrials(id).Select(TrialText.Describe));

        // Change trials the second instance has already read, and add one.
        first.UpdateTrial(trials[0].Id, new TrialUpdate { State = TrialState.Complete, Values = [0.5], Completed = At(5) });
        first.UpdateTrial(trials[2].Id, new TrialUpdate { Params = [("x", new IntDistribution(0, 9), 4)], IntermediateValues = [new(0, 1.0)] });
        first.StartTrial(id, At(6));

        Assert.Equal(first.GetAllTrials(id).Select(TrialText.Describe), second.GetAllTrials(id).Select(TrialText.Describe));
        Assert.Equal([0], second.GetAllTrials(id, [TrialState.Complete]).Select(t => t.Number));
        Assert.Equal(4, second.GetStudy("shared").TrialCount);

        // And the other way round.
        second.UpdateTrial(trials[1].Id, new TrialUpdate { State = TrialState.Failed, Completed = At(7) });
        Assert.Equal(TrialState.Failed, first.GetAllTrials(id)[1].State);
        Assert.Equal(first.GetAllTrials(id).Select(TrialText.Describe), second.GetAllTrials(id).Select(TrialText.Describe));
    }

    [Fact]
    public void SecondInstance_StudyDeletedAndAnotherCreated_ShowsOnlyTheNewTrials()
    {
        var path = NewPath();
        using var first = new SqliteStorage(path, Fast);
        using var second = new SqliteStorage(path, Fast);
        first.CreateStudy("kept", [StudyDirection.Minimize], T0);
        var old = first.CreateStudy("old", [StudyDirection.Minimize], T0);
        Enumerable.Range(0, 3).ToList().ForEach(i => first.StartTrial(old, At(i)));
        Assert.Equal(3, second.GetAllTrials(old).Count);

        first.DeleteStudy(old);
        var created = first.CreateStudy("new", [StudyDirection.Minimize], At(10));
        var trial = first.StartTrial(created, At(11));

        Assert.Equal(TrialText.Describe(trial), TrialText.Describe(Assert.Single(second.GetAllTrials(created))));
        Assert.Equal(["kept", "new"], second.GetAllStudies().Select(s => s.Name));
        Assert.Throws<StudyNotFoundException>(() => second.GetAllTrials(old));
    }

    [Fact]
    public void GetStudy_LargerStudy_DoesNoMoreWork()
    {
        // Samplers read the study summary on every trial (CMA-ES does), so its cost must not grow with the trials:
        // counted in SQLite virtual-machine steps rather than timed.
        using var storage = new SqliteStorage(NewPath(), Fast);
        var id = storage.CreateStudy("growing", [StudyDirection.Minimize], T0);
        storage.StartTrial(id, At(0));
        var small = StepsOf(storage, () => storage.GetStudy(id));
        for (var i = 1; i < 1000; i++)
        {
            storage.StartTrial(id, At(i));
        }

        var large = StepsOf(storage, () => storage.GetStudy(id));

        Assert.Equal(1000, storage.GetStudy(id).TrialCount);
        Assert.InRange(large, small - 10, small + 10);
    }

    [Fact]
    public void Open_TextFileThatIsNotADatabase_ThrowsAndLeavesItUntouched()
    {
        var path = NewPath();
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("these are my notes, not a database\n", 100)));

        var error = AssertRejected(path, () => new SqliteStorage(path));

        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AnotherProgramsDatabase_ThrowsAndLeavesItUntouched()
    {
        var path = NewPath();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO foo (name) VALUES ('bar');";
            command.ExecuteNonQuery();
        }

        var error = AssertRejected(path, () => new SqliteStorage(path));
        AssertRejected(path, () => Storage.Open(path));

        Assert.Contains("another program", error.Message, StringComparison.Ordinal);
        Assert.Contains("foo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileOfSchemaVersion1_MigratesInPlaceKeepingItsTrials()
    {
        var path = NewPath();
        var distribution = System.Text.Json.JsonSerializer.Serialize<Distribution>(new IntDistribution(0, 9));
        Execute(path, SqliteSchema.Migrations[0] + FormattableString.Invariant($$"""
            PRAGMA user_version = 1;
            INSERT INTO studies (name, directions, created) VALUES ('old', '["Minimize"]', {{T0.UtcTicks}});
            INSERT INTO trials (study_id, number, state, objective_values, started, completed, seq) VALUES (1, 0, 1, '[0.5]', {{T0.UtcTicks}}, {{At(1).UtcTicks}}, 1);
            INSERT INTO trial_params (trial_id, ordinal, name, distribution, value) VALUES (1, 0, 'x', '{{distribution}}', 3);
            INSERT INTO trial_intermediate_values (trial_id, step, value) VALUES (1, 0, 0.75), (1, 1, NULL);
            """));

        using (var storage = new SqliteStorage(path, Fast))
        {
            var old = Assert.Single(storage.GetAllTrials(storage.GetStudy("old").Id));
            Assert.Equal(
                FormattableString.Invariant($"#0 id=1 Complete values=[0.5] params=[x:{distribution}=3;] steps=[0=0.75;1=NaN;] vectors=[] user={{}} system={{}} started={T0.UtcTicks} completed={At(1).UtcTicks}"),
                TrialText.Describe(old));

            var id = storage.CreateStudy("new", [StudyDirection.Minimize, StudyDirection.Maximize], T0);
            var trial = storage.StartTrial(id, T0);
            storage.UpdateTrial(trial.Id, new TrialUpdate { IntermediateVectors = [new(0, [0.5, 120])] });
        }

        using var reopened = new SqliteStorage(path, new SqliteStorageOptions { ReadOnly = true });
        Assert.Equal([0.5, 120], reopened.GetAllTrials(reopened.GetStudy("new").Id)[0].IntermediateVectors[0]);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteSchema.Version, version.ExecuteScalar());
    }

    [Fact]
    public void Open_SchemaNewerThanThisHone_ThrowsAndLeavesItUntouched()
    {
        var path = NewPath();
        new SqliteStorage(path).Dispose();
        var newer = SqliteSchema.Version + 1;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {newer}");
            command.ExecuteNonQuery();
        }

        var error = AssertRejected(path, () => new SqliteStorage(path));
        AssertRejected(path, () => Storage.Open($"sqlite:///{path}?mode=ro"));

        Assert.Contains("newer Hone", error.Message, StringComparison.Ordinal);
        Assert.Contains(newer.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileOfSchemaVersion1_MigratesAndKeepsItsRunningTrialsOutOfStaleSweeps()
    {
        var path = NewPath();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] +
                "PRAGMA user_version = 1;" +
                "INSERT INTO studies (name, directions, created) VALUES ('old', '[\"Minimize\"]', 0);" +
                "INSERT INTO trials (study_id, number, state, started, seq) VALUES (1, 0, 0, 0, 1);";
            command.ExecuteNonQuery();
        }

        using var storage = new SqliteStorage(path);
        var id = storage.GetStudy("old").Id;
        var fresh = storage.TryStartTrial(id, T0, int.MaxValue, heartbeat: true)!;
        var stale = storage.FailStaleTrials(id, At(1), new TrialUpdate { State = TrialState.Failed, Completed = At(1) });

        Assert.Equal(fresh.Number, Assert.Single(stale).Number);
        Assert.Equal([TrialState.Running, TrialState.Failed], storage.GetAllTrials(id).Select(t => t.State));
    }

    [Fact]
    public void Open_ReadOnly_ReadsButRejectsWritesAndLeavesTheFileUntouched()
    {
        var path = NewPath();
        long id;
        using (var storage = new SqliteStorage(path))
        {
            id = storage.CreateStudy("frozen", [StudyDirection.Minimize], T0);
            WriteSomeTrials(storage, id);
        }

        var bytes = File.ReadAllBytes(path);
        using (var readOnly = (SqliteStorage)Storage.Open($"sqlite:///{path}?mode=ro"))
        {
            AssertReadsButRejectsWrites(readOnly, id);
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));

        // A file the user may not write is opened read-only too. Root may write anyway, so this part needs another user.
        MakeReadOnly(path, readOnly: true);
        if (!CanOpenForWriting(path))
        {
            using var unwritable = new SqliteStorage(path);
            AssertReadsButRejectsWrites(unwritable, id);
        }

        MakeReadOnly(path, readOnly: false);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_ReadOnlyMissingOrEmptyFile_ThrowsAndCreatesNothing()
    {
        var missing = NewPath();
        var empty = NewPath();
        File.WriteAllBytes(empty, []);

        var error = Assert.Throws<StorageException>(() => Storage.Open($"sqlite:///{missing}?mode=ro"));
        AssertRejected(empty, () => Storage.Open($"{empty}?mode=ro"));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    protected override IStorage CreateStorage() => new SqliteStorage(NewPath(), Fast);

    protected override IStorage OpenAnother(IStorage storage) => new SqliteStorage(((SqliteStorage)storage).Path, Fast);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static void WriteSomeTrials(IStorage storage, long studyId)
    {
        var first = storage.StartTrial(studyId, At(0));
        storage.UpdateTrial(first.Id, new TrialUpdate
        {
            State = TrialState.Complete,
            Values = [0.25],
            Completed = At(1),
            Params = [("lr", new FloatDistribution(1e-4, 1, log: true), 0.01), ("opt", new CategoricalDistribution(["adam", 2, null]), 1)],
            IntermediateValues = [new(0, 0.5), new(1, double.NaN)],
            UserAttrs = [new("note", new { nested = true })],
        });
        var pruned = storage.StartTrial(studyId, At(2));
        storage.UpdateTrial(pruned.Id, new TrialUpdate { State = TrialState.Pruned, Completed = At(3), IntermediateValues = [new(0, 9.0)] });
        storage.StartTrial(studyId, At(4));
        storage.CreateTrial(studyId, TrialState.Waiting, new TrialUpdate { Params = [("lr", new FloatDistribution(1e-4, 1, log: true), 0.1)] }, At(5));
    }

    private static void AssertReadsButRejectsWrites(SqliteStorage storage, long studyId)
    {
        Assert.True(storage.IsReadOnly);
        Assert.Equal("frozen", storage.GetStudy(studyId).Name);
        Assert.Equal(4, storage.GetAllTrials(studyId).Count);
        var trial = storage.GetTrial(studyId, 2);
        Action[] writes =
        [
            () => storage.CreateStudy("new", [StudyDirection.Minimize], T0),
            () => storage.StartTrial(studyId, T0),
            () => storage.UpdateTrial(trial.Id, new TrialUpdate { State = TrialState.Failed, Completed = T0 }),
            () => storage.SetStudyAttr(studyId, "k", 1),
            () => storage.DeleteStudy(studyId),
        ];
        foreach (var write in writes)
        {
            var error = Assert.Throws<StorageException>(write);
            Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
            Assert.Contains(storage.Path, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(TrialState.Running, storage.GetTrial(trial.Id).State);
    }

    /// <summary>Asserts that opening fails with a <see cref="StorageException"/> naming the file, and leaves its bytes as they were.</summary>
    private static StorageException AssertRejected(string path, Func<IStorage> open)
    {
        var bytes = File.ReadAllBytes(path);

        var error = Assert.Throws<StorageException>(() => open().Dispose());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        return error;
    }

    private static void MakeReadOnly(string path, bool readOnly)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, readOnly ? FileAttributes.ReadOnly : FileAttributes.Normal);
        }
        else
        {
            File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static bool CanOpenForWriting(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The SQLite virtual-machine instructions the storage's connection runs during an action.</summary>
    private static int StepsOf(SqliteStorage storage, Action action)
    {
        var steps = 0;
        SQLitePCL.raw.sqlite3_progress_handler(storage.Connection.Handle, 1, _ => { steps++; return 0; }, null);
        try
        {
            action();
        }
        finally
        {
            SQLitePCL.raw.sqlite3_progress_handler(storage.Connection.Handle, 0, null, null);
        }

        return steps;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string NewPath() => Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{_files++}.db"));
}

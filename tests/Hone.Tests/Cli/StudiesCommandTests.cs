using Hone.Storages;
using Microsoft.Data.Sqlite;

namespace Hone.Tests.Cli;

public sealed class StudiesCommandTests
{
    [Fact]
    public void Studies_FixedData_PrintsCountsBestValueAndCreationAsTabSeparatedText()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("studies", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            """
            name	directions	complete	pruned	failed	running	waiting	best_value	created
            quadratic	Minimize	2	1	1	1	1	0.015625	2025-01-02T03:04:05.0000000+00:00
            pareto	Minimize,Maximize	3	0	0	0	0		2025-01-02T03:04:05.0000000+00:00
            empty	Maximize	0	0	0	0	0		2025-01-02T03:04:05.0000000+00:00

            """,
            run.Out);
    }

    [Fact]
    public void Studies_EmptyDatabase_PrintsHeaderOnly()
    {
        using var database = TestDatabase.Missing();
        new SqliteStorage(database.Path).Dispose();

        var run = CliRun.Plain("studies", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("name\tdirections\tcomplete\tpruned\tfailed\trunning\twaiting\tbest_value\tcreated\n", run.Out);
    }

    [Fact]
    public void Studies_Terminal_DrawsTableWithStudiesAndHumanTimes()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["studies", "--storage", database.Url], terminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Studies in " + database.Path, run.Out, StringComparison.Ordinal);
        Assert.Contains("│ quadratic │", run.Out, StringComparison.Ordinal);
        Assert.Contains("2025-01-02 03:04Z", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\t", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Studies_MissingFile_FailsWithoutCreatingIt()
    {
        using var database = TestDatabase.Missing();

        var run = CliRun.Plain("studies", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: No Hone database at '{database.Path}'. Check the path (--storage), or run a study to create it.\n", run.Error);
        Assert.Equal(string.Empty, run.Out);
        Assert.Empty(database.Files());
    }

    [Fact]
    public void Studies_DefaultStorageMissing_NamesHoneDbInWorkingDirectoryAndCreatesNothing()
    {
        Assert.False(File.Exists("hone.db"), "the test needs a working directory without hone.db");

        var run = CliRun.Plain("studies");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: No Hone database at 'hone.db'.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists("hone.db"));
    }

    [Fact]
    public void Studies_HoneStorageVariable_ReplacesDefault()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["studies"], variables: new Dictionary<string, string> { ["HONE_STORAGE"] = database.Url });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nquadratic\t", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Studies_StorageOptionAndVariable_OptionWins()
    {
        using var database = TestDatabase.WithStudies();
        using var other = TestDatabase.Missing();

        var run = CliRun.Run(
            ["studies", "--storage", database.Url],
            variables: new Dictionary<string, string> { ["HONE_STORAGE"] = other.Url });

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(other.Files());
    }

    [Fact]
    public void Studies_FileIsNotADatabase_FailsWithOneLine()
    {
        using var database = TestDatabase.Missing();
        File.WriteAllText(database.Path, "these are not the tables you are looking for, just some text that is long enough to be a header");

        var run = CliRun.Plain("studies", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: '{database.Path}' is not a SQLite database. Point the storage at a Hone database file or a new path.\n", run.Error);
    }

    [Fact]
    public void Studies_AnotherProgramsDatabase_FailsAndLeavesItUnchanged()
    {
        using var database = TestDatabase.Missing();
        using (var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(database.Path);

        var run = CliRun.Plain("studies", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: '{database.Path}' is a SQLite database of another program (tables: invoices)", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, File.ReadAllBytes(database.Path));
    }

    [Fact]
    public void Studies_UnknownStorageUrl_FailsWithOneLine()
    {
        var run = CliRun.Plain("studies", "--storage", "mongodb://localhost/hone");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Unknown storage URL 'mongodb://localhost/hone'. Use sqlite:///path/to/file.db, postgresql://user:password@host:port/database or memory.\n", run.Error);
    }
}

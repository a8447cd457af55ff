using Hone.Storages;

namespace Hone.Tests.Cli;

public sealed class DeleteCommandTests
{
    [Fact]
    public void Delete_Yes_RemovesStudyAndKeepsOthers()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("delete", "quadratic", "--yes", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Deleted study 'quadratic' and its 6 trial(s) from '{database.Path}'.\n", run.Out);
        Assert.Equal(["pareto", "empty"], StudyNames(database));
        using var storage = new SqliteStorage(database.Path);
        Assert.Equal(3, storage.GetAllTrials(storage.GetStudy("pareto").Id).Count);
    }

    [Fact]
    public void Delete_NoYesAndInputNotTerminal_RefusesAndKeepsStudy()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("delete", "quadratic", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Refusing to delete study 'quadratic' without confirmation: standard input is not a terminal. Pass --yes to delete it.\n", run.Error);
        Assert.Equal(["quadratic", "pareto", "empty"], StudyNames(database));
    }

    [Theory]
    [InlineData("y\n")]
    [InlineData(" YES \n")]
    public void Delete_TerminalAnswersYes_Deletes(string answer)
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["delete", "pareto", "--storage", database.Url], input: answer);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Delete study 'pareto' and its 3 trial(s) from '{database.Path}'? This cannot be undone. [y/N] ", run.Error);
        Assert.Equal(["quadratic", "empty"], StudyNames(database));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("n\n")]
    [InlineData("")]
    public void Delete_TerminalAnswersOtherwise_KeepsStudy(string answer)
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["delete", "pareto", "--storage", database.Url], input: answer);

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("[y/N] Cancelled: study 'pareto' was not deleted.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(["quadratic", "pareto", "empty"], StudyNames(database));
    }

    [Fact]
    public void Delete_ReadOnlyStorage_FailsAndKeepsStudy()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("delete", "quadratic", "--yes", "--storage", database.Url + "?mode=ro");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: '{database.Path}' is open read-only, so Hone cannot write to it. Make the file writable or open it without mode=ro.\n", run.Error);
        Assert.Equal(["quadratic", "pareto", "empty"], StudyNames(database));
    }

    [Fact]
    public void Delete_UnknownStudy_FailsWithoutAsking()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["delete", "nope", "--storage", database.Url], input: "y\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: No study named 'nope' in this storage. List the studies with `hone studies`, or create it first.\n", run.Error);
    }

    [Fact]
    public void Delete_MissingFile_FailsWithoutCreatingIt()
    {
        using var database = TestDatabase.Missing();

        var run = CliRun.Plain("delete", "quadratic", "--yes", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: No Hone database at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(database.Files());
    }

    private static List<string> StudyNames(TestDatabase database)
    {
        using var storage = new SqliteStorage(database.Path, new SqliteStorageOptions { ReadOnly = true });
        return [.. storage.GetAllStudies().Select(s => s.Name)];
    }
}

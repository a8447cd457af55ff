using Hone.Cli;

namespace Hone.Tests.Cli;

public sealed class StorageAccessTests
{
    [Theory]
    [InlineData("sqlite:///hone.db", "sqlite:///hone.db?mode=ro")]
    [InlineData("sqlite:////abs/path/hone.db", "sqlite:////abs/path/hone.db?mode=ro")]
    [InlineData("sqlite:///hone.db?mode=rw", "sqlite:///hone.db?mode=ro")]
    [InlineData("sqlite:///hone.db?mode=ro", "sqlite:///hone.db?mode=ro")]
    [InlineData("runs/study.SQLITE3", "runs/study.SQLITE3?mode=ro")]
    [InlineData("sqlite:///hone.db?cache=shared", "sqlite:///hone.db?cache=shared")]
    [InlineData("memory", "memory")]
    [InlineData("postgres://host/db", "postgres://host/db")]
    public void ReadOnlyUrl_Url_OpensSqliteFilesReadOnlyAndLeavesOthers(string url, string expected) =>
        Assert.Equal(expected, StorageAccess.ReadOnlyUrl(url));

    [Fact]
    public void ReadOnlyUrl_UnknownOption_IsRejectedByStorageOpen()
    {
        var run = CliRun.Plain("studies", "--storage", "sqlite:///hone.db?cache=shared");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Unknown storage option 'cache=shared' in 'sqlite:///hone.db?cache=shared'. The only option is mode=ro (read-only).\n", run.Error);
    }

    [Fact]
    public void OpenForReading_Memory_ListsNoStudies()
    {
        var run = CliRun.Plain("studies", "--storage", "memory");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("name\tdirections\tcomplete\tpruned\tfailed\trunning\twaiting\tbest_value\tcreated\n", run.Out);
    }
}

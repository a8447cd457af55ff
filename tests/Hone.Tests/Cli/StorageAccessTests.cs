using Hone.Cli;

namespace Hone.Tests.Cli;

public sealed class StorageAccessTests
{
    [Theory]
    [InlineData("sqlite:///{0}")]
    [InlineData("sqlite:///{0}?mode=rw")]
    [InlineData("{0}")]
    public void OpenForReading_SqliteUrl_OpensTheFileReadOnlyAndCreatesNoFile(string template)
    {
        var path = Path.Combine(Path.GetTempPath(), "hone-ro-" + Guid.NewGuid().ToString("N") + ".SQLITE3");
        try
        {
            Assert.Throws<Hone.Storages.StorageException>(() => StorageAccess.OpenForReading(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, path)).Dispose());
            Assert.False(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenForReading_UnknownOption_IsRejectedByStorageOpen()
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

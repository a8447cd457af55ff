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
    public void OpenForReading_MalformedPostgresUrl_IsOneLineWithoutTheLibrarysParameterName()
    {
        var run = CliRun.Plain("studies", "--storage", "postgresql://hone@127.0.0.1:abc/db");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: 'postgresql://hone@127.0.0.1:abc/db' is not a valid PostgreSQL URL. Use postgresql://user:password@host:port/database (percent-encode special characters in the password).\n", run.Error);
    }

    [Fact]
    public void OpenForReading_PostgresSettingNpgsqlRefuses_IsOneLineNamingTheServer()
    {
        // Npgsql checks the settings before it connects, so no server is needed.
        var run = CliRun.Plain("studies", "--storage", "postgresql://hone@127.0.0.1:1/db?Target%20Session%20Attributes=standby");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Npgsql refuses the connection settings of 127.0.0.1:1/db: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(". Fix or remove that setting in the URL.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenForReading_Memory_ListsNoStudies()
    {
        var run = CliRun.Plain("studies", "--storage", "memory");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("name\tdirections\tcomplete\tpruned\tfailed\trunning\twaiting\tbest_value\tcreated\n", run.Out);
    }
}

using System.Globalization;
using Hone.Storages;
using Hone.Studies;

namespace Hone.Tests.Storages;

public sealed class StorageTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("hone-urls-").FullName;
    private int _files;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Open_SqliteUrls_OpenThatFile()
    {
        var absolute = NewPath();
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, NewPath());

        using (var storage = Assert.IsType<SqliteStorage>(Storage.Open($"sqlite:///{relative}")))
        {
            Assert.Equal(relative, storage.Path);
            Assert.False(storage.IsReadOnly);
            storage.CreateStudy("relative", [StudyDirection.Minimize], T0);
        }

        using (var storage = Assert.IsType<SqliteStorage>(Storage.Open($"sqlite:///{absolute}?mode=rw")))
        {
            Assert.Equal(absolute, storage.Path);
            storage.CreateStudy("absolute", [StudyDirection.Minimize], T0);
        }

        using var byPlainPath = Assert.IsType<SqliteStorage>(Storage.Open(Path.GetFullPath(relative)));
        Assert.Equal("relative", Assert.Single(byPlainPath.GetAllStudies()).Name);

        // An absolute path makes a URL with four slashes: sqlite:////tmp/...
        using var byAbsoluteUrl = Assert.IsType<SqliteStorage>(Storage.Open($"sqlite:///{absolute}"));
        Assert.Equal("absolute", Assert.Single(byAbsoluteUrl.GetAllStudies()).Name);
    }

    [Theory]
    [InlineData("study.db")]
    [InlineData("study.DB")]
    [InlineData("study.sqlite")]
    [InlineData("study.sqlite3")]
    public void Open_PlainPathWithSqliteExtension_OpensASqliteFile(string name)
    {
        var path = Path.Combine(_directory, name);

        using var storage = Assert.IsType<SqliteStorage>(Storage.Open(path));

        Assert.Equal(path, storage.Path);
        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("inmemory")]
    [InlineData(":memory:")]
    public void Open_Memory_OpensAnInMemoryStorage(string url)
    {
        using var storage = Storage.Open(url);

        Assert.IsType<InMemoryStorage>(storage);
    }

    [Theory]
    [InlineData("mongodb://localhost/hone", "sqlite:///")]
    [InlineData("results.txt", "sqlite:///")]
    [InlineData("sqlite:///study.db?cache=shared", "mode=ro")]
    public void Open_UnknownUrl_ThrowsArgumentExceptionWithTheFix(string url, string fix)
    {
        var error = Assert.Throws<ArgumentException>(() => Storage.Open(url));

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("study.db"));
    }

    private string NewPath() => Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{_files++}.db"));
}

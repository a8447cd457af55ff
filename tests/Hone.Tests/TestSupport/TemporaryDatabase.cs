namespace Hone.Tests.TestSupport;

/// <summary>A path for a SQLite file in the temporary folder, deleted with its journal files on dispose.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hone-test-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(System.IO.Path.GetTempPath(), System.IO.Path.GetFileName(Path) + "*"))
        {
            File.Delete(file);
        }
    }
}

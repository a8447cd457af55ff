namespace Hone.Bench;

/// <summary>Fresh SQLite files for the benchmarks, and their removal with the WAL side files.</summary>
internal static class BenchFiles
{
    public static string Fresh(string? directory) =>
        Path.Combine(directory ?? Path.GetTempPath(), $"hone-bench-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}

using System.Diagnostics;

namespace Hone.Bench;

/// <summary>
/// How many 4 KiB write + fsync rounds per second the disk allows right now: the floor under every durable commit,
/// recorded beside each SQLite figure because other work on a shared machine moves it a lot.
/// </summary>
/// <remarks>The Optuna peer runs the same probe, so both sides' figures can be read against the disk they saw.</remarks>
internal static class DiskProbe
{
    public static double FsyncsPerSecond(string? directory, int rounds = 200)
    {
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"fsync-probe-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
            var page = new byte[4096];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < rounds; i++)
            {
                stream.Position = 0;
                stream.Write(page);
                stream.Flush(flushToDisk: true);
            }

            return rounds / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

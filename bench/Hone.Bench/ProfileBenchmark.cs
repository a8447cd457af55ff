using System.Diagnostics;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Microsoft.Data.Sqlite;

namespace Hone.Bench;

/// <summary>
/// Where a trial's time goes: a Stopwatch breakdown by storage call, and, for SQLite, the floor that the disk sets:
/// how many empty-ish durable commits per second the same file system allows.
/// </summary>
internal static class ProfileBenchmark
{
    public static int Run(BenchArguments args)
    {
        var storageKind = args.Choice("storage", "sqlite", "memory", "sqlite");
        var mode = args.Choice("mode", TrialLoop.AskTell, TrialLoop.Optimize, TrialLoop.AskTell);
        var trials = args.Int("trials", storageKind == "memory" ? 200_000 : 5_000);
        var durable = args.Choice("durable", "true", "true", "false") == "true";
        var directory = args.Text("dir", null);
        args.RejectUnknown();

        var path = storageKind == "sqlite" ? BenchFiles.Fresh(directory) : null;
        try
        {
            // Warm up on the same kind of storage first, so that JIT and SQLite statement preparation are out of the figures.
            using (var warm = Open(path is null ? null : path + ".warm", durable))
            {
                TrialLoop.Run(Study.Create(new StudyOptions { Storage = warm }), storageKind == "memory" ? 50_000 : 200, mode);
            }

            using var storage = new TimingStorage(Open(path, durable));
            var study = Study.Create(new StudyOptions { Name = "bench", Storage = storage, Sampler = new RandomSampler() });
            var clock = Stopwatch.StartNew();
            TrialLoop.Run(study, trials, mode);
            var total = clock.Elapsed;
            var calls = storage.Totals.ToDictionary(
                kv => kv.Key,
                kv => new { kv.Value.Calls, Microseconds = Stopwatch.GetElapsedTime(0, kv.Value.Ticks).TotalMicroseconds / trials });
            var inStorage = storage.Totals.Values.Sum(v => Stopwatch.GetElapsedTime(0, v.Ticks).TotalMicroseconds) / trials;
            JsonLine.Write(new
            {
                Bench = "profile",
                Peer = "hone",
                Storage = storageKind,
                Durable = durable,
                Mode = mode,
                Trials = trials,
                TrialsPerS = trials / total.TotalSeconds,
                MicrosecondsPerTrial = total.TotalMicroseconds / trials,
                StorageMicrosecondsPerTrial = calls,
                OutsideStorageMicrosecondsPerTrial = (total.TotalMicroseconds / trials) - inStorage,
                CommitFloorPerS = path is null ? (double?)null : CommitFloor(path + ".floor", durable, 2_000),
                SqliteVersion = path is null ? null : SqliteVersion(),
            });
        }
        finally
        {
            if (path is not null)
            {
                foreach (var file in new[] { path, path + ".warm", path + ".floor" })
                {
                    BenchFiles.Delete(file);
                }
            }
        }

        return 0;
    }

    /// <summary>Commits per second of one-row update transactions, with the same journal and sync settings Hone uses.</summary>
    private static double CommitFloor(string path, bool durable, int commits)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")}; CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 0);";
            setup.ExecuteNonQuery();
        }

        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE t SET v = v + 1 WHERE id = 1";
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            update.Transaction = transaction;
            update.ExecuteNonQuery();
            transaction.Commit();
        }

        return commits / clock.Elapsed.TotalSeconds;
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    private static IStorage Open(string? path, bool durable) =>
        path is null ? new InMemoryStorage() : new SqliteStorage(path, new SqliteStorageOptions { Durable = durable });
}

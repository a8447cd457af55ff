using System.Diagnostics;
using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// Ask/tell throughput with <see cref="RandomSampler"/> on the ten-float objective: in memory, on a durable SQLite
/// file from one process, or from several processes sharing one fresh file.
/// </summary>
/// <remarks>
/// Every measured loop is preceded by a warm-up in a separate study (and a separate file), so that JIT tiering is
/// over before the clock starts. With several processes each worker warms up, reports ready, and starts on one
/// common "go"; throughput is all trials divided by the time from the first worker's start to the last one's end.
/// </remarks>
internal static class ThroughputBenchmark
{
    private const string StudyName = "bench";

    public static int Run(BenchArguments args)
    {
        var storage = args.Choice("storage", "memory", "memory", "sqlite");
        var mode = args.Choice("mode", TrialLoop.Optimize, TrialLoop.Optimize, TrialLoop.AskTell);
        var trials = args.Int("trials", storage == "memory" ? 200_000 : 5_000);
        var processes = args.Int("processes", 1);
        var warmup = args.Int("warmup", storage == "memory" ? 50_000 : 200, min: 0);
        var directory = args.Text("dir", null);
        var path = args.Text("path", null);
        var worker = args.Flag("worker");
        args.RejectUnknown();

        if (storage == "memory" && processes > 1)
        {
            throw new BenchUsageException(string.Create(CultureInfo.InvariantCulture, $"In-memory storage lives in one process, so --processes must be 1 with --storage memory, but got {processes}."));
        }

        if (worker)
        {
            RunWorker(path ?? throw new BenchUsageException("--worker needs --path, the shared SQLite file."), trials, mode, warmup, directory);
        }
        else if (processes == 1)
        {
            RunSingle(storage, trials, mode, warmup, directory);
        }
        else
        {
            RunProcesses(trials, mode, warmup, processes, directory);
        }

        return 0;
    }

    private static void RunSingle(string storageKind, int trials, string mode, int warmup, string? directory)
    {
        Warmup(storageKind, mode, warmup, directory);
        var path = storageKind == "sqlite" ? BenchFiles.Fresh(directory) : null;
        try
        {
            double? fsyncs = path is null ? null : DiskProbe.FsyncsPerSecond(directory);
            using var storage = Open(path);
            var study = Study.Create(new StudyOptions { Name = StudyName, Storage = storage, Sampler = new RandomSampler() });
            var clock = Stopwatch.StartNew();
            TrialLoop.Run(study, trials, mode);
            var seconds = clock.Elapsed.TotalSeconds;
            double? fsyncsAfter = path is null ? null : DiskProbe.FsyncsPerSecond(directory);
            var complete = study.GetTrials(TrialState.Complete).Count;
            JsonLine.Write(new
            {
                Bench = "throughput",
                Peer = "hone",
                Storage = storageKind,
                Mode = mode,
                Processes = 1,
                Trials = trials,
                CompleteTrials = complete,
                Seconds = seconds,
                TrialsPerS = trials / seconds,
                DiskFsyncsPerS = fsyncs,
                DiskFsyncsPerSAfter = fsyncsAfter,
            });
        }
        finally
        {
            if (path is not null)
            {
                BenchFiles.Delete(path);
            }
        }
    }

    private static void RunWorker(string path, int trials, string mode, int warmup, string? directory)
    {
        Warmup("sqlite", mode, warmup, directory);
        using var storage = new SqliteStorage(path);
        var study = Study.Load(StudyName, storage, new RandomSampler());
        JsonLine.Write(new { Event = "ready" });
        if (Console.In.ReadLine() != "go")
        {
            throw new InvalidOperationException("The benchmark parent closed the worker's input before saying go.");
        }

        var start = JsonLine.UnixSeconds();
        TrialLoop.Run(study, trials, mode);
        var end = JsonLine.UnixSeconds();
        JsonLine.Write(new { Event = "done", Trials = trials, Start = start, End = end });
    }

    private static void RunProcesses(int trials, string mode, int warmup, int processes, string? directory)
    {
        var path = BenchFiles.Fresh(directory);
        try
        {
            using (var storage = new SqliteStorage(path))
            {
                Study.Create(new StudyOptions { Name = StudyName, Storage = storage });
            }

            var fsyncs = DiskProbe.FsyncsPerSecond(directory);
            var shares = Enumerable.Range(0, processes).Select(i => (trials / processes) + (i < trials % processes ? 1 : 0)).ToArray();
            var runs = WorkerGroup.Run(shares.Select(share => WorkerArguments(path, share, mode, warmup, directory)).ToList());
            var start = runs.Min(r => r.Start);
            var end = runs.Max(r => r.End);
            var fsyncsAfter = DiskProbe.FsyncsPerSecond(directory);
            int complete;
            using (var storage = new SqliteStorage(path))
            {
                complete = Study.Load(StudyName, storage).GetTrials(TrialState.Complete).Count;
            }

            JsonLine.Write(new
            {
                Bench = "throughput",
                Peer = "hone",
                Storage = "sqlite",
                Mode = mode,
                Processes = processes,
                Trials = trials,
                CompleteTrials = complete,
                Seconds = end - start,
                TrialsPerS = trials / (end - start),
                WorkerTrialsPerS = runs.Select(r => r.Trials / (r.End - r.Start)).ToArray(),
                DiskFsyncsPerS = fsyncs,
                DiskFsyncsPerSAfter = fsyncsAfter,
            });
        }
        finally
        {
            BenchFiles.Delete(path);
        }
    }

    private static List<string> WorkerArguments(string path, int trials, string mode, int warmup, string? directory)
    {
        var list = new List<string>
        {
            "throughput", "--storage", "sqlite", "--mode", mode, "--path", path, "--worker",
            "--trials", trials.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture),
        };
        if (directory is not null)
        {
            list.AddRange(["--dir", directory]);
        }

        return list;
    }

    private static void Warmup(string storageKind, string mode, int trials, string? directory)
    {
        if (trials == 0)
        {
            return;
        }

        var path = storageKind == "sqlite" ? BenchFiles.Fresh(directory) : null;
        try
        {
            using var storage = Open(path);
            TrialLoop.Run(Study.Create(new StudyOptions { Storage = storage, Sampler = new RandomSampler() }), trials, mode);
        }
        finally
        {
            if (path is not null)
            {
                BenchFiles.Delete(path);
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static IStorage Open(string? path) => path is null ? new InMemoryStorage() : new SqliteStorage(path);
}

using System.Diagnostics;
using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// Ask/tell throughput with <see cref="RandomSampler"/> on the ten-float objective: in memory, on a durable SQLite
/// file or a PostgreSQL database (a fresh schema in the one <c>--url</c> names) from one process, or from several
/// processes sharing one fresh file or schema.
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
        var storage = args.Choice("storage", "memory", "memory", "sqlite", "postgres");
        var mode = args.Choice("mode", TrialLoop.Optimize, TrialLoop.Optimize, TrialLoop.AskTell);
        var trials = args.Int("trials", storage == "memory" ? 200_000 : 5_000);
        var processes = args.Int("processes", 1);
        var warmup = args.Int("warmup", storage == "memory" ? 50_000 : 200, min: 0);
        var directory = args.Text("dir", null);
        var path = args.Text("path", null);
        var url = args.Text("url", null);
        var worker = args.Flag("worker");
        args.RejectUnknown();

        if (storage == "memory" && processes > 1)
        {
            throw new BenchUsageException(string.Create(CultureInfo.InvariantCulture, $"In-memory storage lives in one process, so --processes must be 1 with --storage memory, but got {processes}."));
        }

        if (storage == "postgres" && url is null)
        {
            throw new BenchUsageException("--storage postgres needs --url postgresql://user:password@host:port/database; each run uses a fresh schema there and drops it.");
        }

        var where = new Where(storage, directory, url);
        if (worker)
        {
            RunWorker(where, path ?? throw new BenchUsageException("--worker needs --path, the shared SQLite file or PostgreSQL URL."), trials, mode, warmup);
        }
        else if (processes == 1)
        {
            RunSingle(where, trials, mode, warmup);
        }
        else
        {
            RunProcesses(where, trials, mode, warmup, processes);
        }

        return 0;
    }

    private static void RunSingle(Where where, int trials, string mode, int warmup)
    {
        Warmup(where, mode, warmup);
        var path = BenchStorage.Fresh(where.Kind, where.Directory, where.Url);
        try
        {
            double? fsyncs = where.Kind == "sqlite" ? DiskProbe.FsyncsPerSecond(where.Directory) : null;
            using var storage = BenchStorage.Open(where.Kind, path);
            var study = Study.Create(new StudyOptions { Name = StudyName, Storage = storage, Sampler = new RandomSampler() });
            var clock = Stopwatch.StartNew();
            TrialLoop.Run(study, trials, mode);
            var seconds = clock.Elapsed.TotalSeconds;
            double? fsyncsAfter = where.Kind == "sqlite" ? DiskProbe.FsyncsPerSecond(where.Directory) : null;
            var complete = study.GetTrials(TrialState.Complete).Count;
            JsonLine.Write(new
            {
                Bench = "throughput",
                Peer = "hone",
                Storage = where.Kind,
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
            BenchStorage.Delete(where.Kind, path);
        }
    }

    private static void RunWorker(Where where, string path, int trials, string mode, int warmup)
    {
        Warmup(where, mode, warmup);
        using var storage = BenchStorage.Open(where.Kind, path);
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

    private static void RunProcesses(Where where, int trials, string mode, int warmup, int processes)
    {
        var path = BenchStorage.Fresh(where.Kind, where.Directory, where.Url)!;
        try
        {
            using (var storage = BenchStorage.Open(where.Kind, path))
            {
                Study.Create(new StudyOptions { Name = StudyName, Storage = storage });
            }

            double? fsyncs = where.Kind == "sqlite" ? DiskProbe.FsyncsPerSecond(where.Directory) : null;
            var shares = Enumerable.Range(0, processes).Select(i => (trials / processes) + (i < trials % processes ? 1 : 0)).ToArray();
            var runs = WorkerGroup.Run(shares.Select(share => WorkerArguments(where, path, share, mode, warmup)).ToList());
            var start = runs.Min(r => r.Start);
            var end = runs.Max(r => r.End);
            double? fsyncsAfter = where.Kind == "sqlite" ? DiskProbe.FsyncsPerSecond(where.Directory) : null;
            int complete;
            using (var storage = BenchStorage.Open(where.Kind, path))
            {
                complete = Study.Load(StudyName, storage).GetTrials(TrialState.Complete).Count;
            }

            JsonLine.Write(new
            {
                Bench = "throughput",
                Peer = "hone",
                Storage = where.Kind,
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
            BenchStorage.Delete(where.Kind, path);
        }
    }

    private static List<string> WorkerArguments(Where where, string path, int trials, string mode, int warmup)
    {
        var list = new List<string>
        {
            "throughput", "--storage", where.Kind, "--mode", mode, "--path", path, "--worker",
            "--trials", trials.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture),
        };
        if (where.Directory is not null)
        {
            list.AddRange(["--dir", where.Directory]);
        }

        if (where.Url is not null)
        {
            list.AddRange(["--url", where.Url]);
        }

        return list;
    }

    private static void Warmup(Where where, string mode, int trials)
    {
        if (trials == 0)
        {
            return;
        }

        var path = BenchStorage.Fresh(where.Kind, where.Directory, where.Url);
        try
        {
            using var storage = BenchStorage.Open(where.Kind, path);
            TrialLoop.Run(Study.Create(new StudyOptions { Storage = storage, Sampler = new RandomSampler() }), trials, mode);
        }
        finally
        {
            BenchStorage.Delete(where.Kind, path);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>The storage kind and where fresh ones go: a folder for SQLite files, a database URL for PostgreSQL.</summary>
    private sealed record Where(string Kind, string? Directory, string? Url);
}

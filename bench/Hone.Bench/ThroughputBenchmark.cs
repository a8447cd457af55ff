using System.Globalization;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// Ask/tell throughput on the ten-float objective with a chosen sampler (<see cref="SamplerRegistry"/>; RandomSampler by
/// default): in memory, on a durable SQLite file or a PostgreSQL database (a fresh schema in the one <c>--url</c> names)
/// from one process, or from several processes sharing one fresh file or schema.
/// </summary>
/// <remarks>
/// <para>Every measured loop is preceded by a warm-up in a separate study (and a separate file or schema) that runs
/// rounds of <c>--warmup</c> trials until the JIT has settled (<see cref="JitWarmup"/>), so that tiering is over before
/// the clock starts: otherwise each of eight workers timing an eighth of the trials pays its compilation again. With
/// several processes each worker warms up, reports ready, and starts on one common "go".</para>
/// <para>Each worker records when each of its trials was stored. The result gives the throughput over the whole run
/// (all trials over the time from the first worker's start to the last one's end), over its steady part
/// (<see cref="TrialTimes.Steady"/>), and with <c>--marks</c> the time per trial in windows of the study's growth
/// (<see cref="TrialTimes.Windows"/>): whether a trial costs more in a large study than in a small one.</para>
/// </remarks>
internal static class ThroughputBenchmark
{
    private const string StudyName = "bench";

    public static int Run(BenchArguments args)
    {
        var storage = args.Choice("storage", "memory", "memory", "sqlite", "postgres");
        var mode = args.Choice("mode", TrialLoop.Optimize, TrialLoop.Optimize, TrialLoop.AskTell);
        var sampler = args.Choice("sampler", "random", [.. SamplerRegistry.Names]);
        var seed = args.Int("seed", 1);
        var trials = args.Int("trials", storage == "memory" ? 200_000 : 5_000);
        var processes = args.Int("processes", 1);
        var warmup = args.Int("warmup", storage == "memory" ? 50_000 : 200, min: 0);
        var warmupSeconds = args.Double("warmup-seconds", 1);
        var warmupMaxSeconds = args.Double("warmup-max-seconds", 20);
        var marks = args.IntList("marks", [], min: 1);
        var window = args.Int("window", 500);
        var serverPid = args.Text("server-pid", null) is null ? (int?)null : args.Int("server-pid", 1);
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

        if (marks.Count > 0 && marks[^1] > trials)
        {
            throw new BenchUsageException(string.Create(CultureInfo.InvariantCulture, $"--marks must not exceed --trials (the study's final size), but got mark {marks[^1]} with --trials {trials}."));
        }

        var setup = new Setup(storage, directory, url, sampler, mode, warmup, warmupSeconds, warmupMaxSeconds);
        if (worker)
        {
            RunWorker(setup, path ?? throw new BenchUsageException("--worker needs --path, the shared SQLite file or PostgreSQL URL."), trials, seed);
        }
        else
        {
            RunMeasured(setup, trials, seed, processes, marks, window, serverPid);
        }

        return 0;
    }

    private static void RunMeasured(Setup setup, int trials, int seed, int processes, IReadOnlyList<int> marks, int window, int? serverPid)
    {
        double? serverBefore = null, serverAfter = null;
        void Released() => serverBefore = serverPid is { } pid ? ServerCpu.Seconds(pid) : null;
        void Finished() => serverAfter = serverPid is { } pid ? ServerCpu.Seconds(pid) : null;

        var path = BenchStorage.Fresh(setup.Kind, setup.Directory, setup.Url);
        try
        {
            double? fsyncs;
            List<WorkerRun> runs;
            int complete;
            if (processes == 1)
            {
                Warmup(setup, seed);
                fsyncs = Probe(setup);
                using var storage = BenchStorage.Open(setup.Kind, path);
                var study = Study.Create(new StudyOptions { Name = StudyName, Storage = storage, Sampler = SamplerRegistry.Create(setup.Sampler, seed) });
                Released();
                runs = [Measure(study, trials, setup.Mode)];
                Finished();
                complete = study.GetTrials(TrialState.Complete).Count;
            }
            else
            {
                using (var storage = BenchStorage.Open(setup.Kind, path))
                {
                    Study.Create(new StudyOptions { Name = StudyName, Storage = storage });
                }

                fsyncs = Probe(setup);

                // Each worker its own seed, so that no two of them propose the same points.
                var shares = Enumerable.Range(0, processes).Select(i => (trials / processes) + (i < trials % processes ? 1 : 0)).ToArray();
                runs = WorkerGroup.Run(shares.Select((share, i) => WorkerArguments(setup, path!, share, seed + i)).ToList(), Released, Finished);
                using var after = BenchStorage.Open(setup.Kind, path);
                complete = Study.Load(StudyName, after).GetTrials(TrialState.Complete).Count;
            }

            var fsyncsAfter = Probe(setup);
            var (start, end) = (runs.Min(r => r.Start), runs.Max(r => r.End));
            JsonLine.Write(new
            {
                Bench = "throughput",
                Peer = "hone",
                Storage = setup.Kind,
                Sampler = setup.Sampler,
                Mode = setup.Mode,
                Processes = processes,
                Trials = trials,
                CompleteTrials = complete,
                Warmup = setup.Warmup,
                Seconds = end - start,
                TrialsPerS = trials / (end - start),
                SteadyTrialsPerS = TrialTimes.Steady(runs),
                WorkerTrialsPerS = runs.Select(r => r.Trials / (r.End - r.Start)).ToArray(),

                // Processor time of the worker processes over their measured loops (the database server's is not in it).
                ClientCpuS = runs.Sum(r => r.CpuSeconds),
                ServerCpuS = serverAfter - serverBefore,
                Windows = TrialTimes.Windows(runs, marks, window),
                DiskFsyncsPerS = fsyncs,
                DiskFsyncsPerSAfter = fsyncsAfter,
            });
        }
        finally
        {
            BenchStorage.Delete(setup.Kind, path);
        }
    }

    private static void RunWorker(Setup setup, string path, int trials, int seed)
    {
        Warmup(setup, seed);
        using var storage = BenchStorage.Open(setup.Kind, path);
        var study = Study.Load(StudyName, storage, SamplerRegistry.Create(setup.Sampler, seed));
        JsonLine.Write(new { Event = "ready" });
        if (Console.In.ReadLine() != "go")
        {
            throw new InvalidOperationException("The benchmark parent closed the worker's input before saying go.");
        }

        var run = Measure(study, trials, setup.Mode);
        JsonLine.Write(new { Event = "done", run.Trials, run.Start, run.End, run.Completions, run.CompletionCpu, CpuS = run.CpuSeconds });
    }

    /// <summary>Runs the trials, noting the Unix time at which each one has been stored and the processor time used by
    /// then (one getrusage call, about a microsecond: the time per trial is a millisecond or more on a database).</summary>
    private static WorkerRun Measure(Study study, int trials, string mode)
    {
        var completions = new List<double>(trials);
        var completionCpu = new List<double>(trials);
        var cpu = Environment.CpuUsage.TotalTime;
        var start = JsonLine.UnixSeconds();
        TrialLoop.Run(study, trials, mode, () =>
        {
            completions.Add(JsonLine.UnixSeconds());
            completionCpu.Add((Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
        });
        var end = JsonLine.UnixSeconds();
        return new WorkerRun(trials, start, end, completions, completionCpu, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    /// <summary>The disk's fsync rate beside a SQLite figure (what bounds durable commits); null for other storages.</summary>
    private static double? Probe(Setup setup) => setup.Kind == "sqlite" ? DiskProbe.FsyncsPerSecond(setup.Directory) : null;

    private static List<string> WorkerArguments(Setup setup, string path, int trials, int seed)
    {
        var list = new List<string>
        {
            "throughput", "--storage", setup.Kind, "--mode", setup.Mode, "--sampler", setup.Sampler, "--path", path, "--worker",
            "--trials", trials.ToString(CultureInfo.InvariantCulture), "--warmup", setup.Warmup.ToString(CultureInfo.InvariantCulture),
            "--warmup-seconds", setup.WarmupSeconds.ToString(CultureInfo.InvariantCulture),
            "--warmup-max-seconds", setup.WarmupMaxSeconds.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture),
        };
        if (setup.Directory is not null)
        {
            list.AddRange(["--dir", setup.Directory]);
        }

        if (setup.Url is not null)
        {
            list.AddRange(["--url", setup.Url]);
        }

        return list;
    }

    private static void Warmup(Setup setup, int seed)
    {
        if (setup.Warmup == 0)
        {
            return;
        }

        var path = BenchStorage.Fresh(setup.Kind, setup.Directory, setup.Url);
        try
        {
            using var storage = BenchStorage.Open(setup.Kind, path);
            var study = Study.Create(new StudyOptions { Storage = storage, Sampler = SamplerRegistry.Create(setup.Sampler, seed) });
            JitWarmup.Run(_ => TrialLoop.Run(study, setup.Warmup, setup.Mode), setup.WarmupSeconds, setup.WarmupMaxSeconds);
        }
        finally
        {
            BenchStorage.Delete(setup.Kind, path);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>What every process of a run shares: the storage kind and where fresh ones go (a folder for SQLite files,
    /// a database URL for PostgreSQL), the sampler, the loop, the trials of one warm-up step and the warm-up's
    /// shortest and longest duration (<see cref="JitWarmup"/>).</summary>
    private sealed record Setup(string Kind, string? Directory, string? Url, string Sampler, string Mode, int Warmup, double WarmupSeconds, double WarmupMaxSeconds);
}

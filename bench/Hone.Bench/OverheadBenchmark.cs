using System.Diagnostics;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// A sampler's cost per trial as the study grows: one in-memory study of the ten-float objective, timed trial by
/// trial, reporting the milliseconds per trial over the last 100 trials before each requested count (their mean, and
/// their median as a figure that preemption by other processes barely moves), and the process's CPU time over the same
/// trials (which a loaded machine barely moves either; it counts the runtime's background threads too).
/// </summary>
/// <remarks>
/// This is how the issue defines Optuna's reference figures (ms per trial at 100, 1,000 and 5,000 trials, ten float
/// parameters, a trivial objective). Throwaway studies of <c>--warmup</c> trials with the same sampler run first,
/// one after another for at least <c>--warmup-seconds</c> and then until the JIT has compiled no method for half a
/// second (at most <c>--warmup-max-seconds</c>), so that JIT tiering is over before the timed study starts (a few
/// milliseconds of trials are not enough for the runtime to promote the hot methods, and CMA-ES's generation update,
/// called once every λ trials, takes several seconds of trials).
/// The <c>mo-overhead</c> subcommand is the same with two objectives (<see cref="SumOfSquares.EvaluateTwo"/>), as the
/// multi-objective issue defines its reference (1,000 trials, ten floats, two objectives).
/// </remarks>
internal static class OverheadBenchmark
{
    private const int Window = 100;

    public static int Run(BenchArguments args, int objectives = 1)
    {
        var sampler = args.Choice("sampler", "random", [.. SamplerRegistry.Names]);
        var counts = args.IntList("trials", [100, 1_000, 5_000], min: Window);
        var seed = args.Int("seed", 1);
        var warmup = args.Int("warmup", 200, min: 0);
        var warmupSeconds = args.Double("warmup-seconds", 1);
        var warmupMaxSeconds = args.Double("warmup-max-seconds", 20);
        args.RejectUnknown();

        // Warm up until the JIT has settled, so that the timed study runs the code a long study runs (CMA-ES's update,
        // once a generation, takes seconds of trials to reach optimized code).
        var (warmupStudies, warmupElapsed) = warmup == 0 ? (0, 0.0) : JitWarmup.Run(
            i => Optimize(NewStudy(sampler, seed + i, objectives), objectives, new OptimizeOptions { Trials = warmup, ShowProgress = false }),
            warmupSeconds,
            warmupMaxSeconds);

        // The warm-up's garbage is collected now rather than by a background collection during the timed study.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var total = counts[^1];
        var ends = new long[total + 1];

        // The process's CPU time at each window's bounds only, so that reading it costs the trials nothing measurable.
        using var process = Process.GetCurrentProcess();
        var bounds = counts.SelectMany(c => new[] { c - Window, c }).ToHashSet();
        var cpu = new Dictionary<int, TimeSpan>();
        void RecordEnd(int done)
        {
            ends[done] = Stopwatch.GetTimestamp();
            if (bounds.Contains(done))
            {
                process.Refresh();
                cpu[done] = process.TotalProcessorTime;
            }
        }

        var study = NewStudy(sampler, seed, objectives);
        var options = new OptimizeOptions
        {
            Trials = total,
            ShowProgress = false,
            Callbacks = [(_, trial) => RecordEnd(trial.Number + 1)],
        };
        RecordEnd(0);
        Optimize(study, objectives, options);

        JsonLine.Write(new
        {
            Bench = objectives == 1 ? "overhead" : "mo-overhead",
            Peer = "hone",
            Sampler = sampler,
            Seed = seed,
            Params = 10,
            Objectives = objectives,
            Trials = counts,
            MsPerTrial = counts.Select(c => Stopwatch.GetElapsedTime(ends[c - Window], ends[c]).TotalMilliseconds / Window).ToArray(),
            MedianTrialMs = counts.Select(c => MedianTrialMs(ends, c)).ToArray(),
            CpuMsPerTrial = counts.Select(c => (cpu[c] - cpu[c - Window]).TotalMilliseconds / Window).ToArray(),
            CompleteTrials = study.GetTrials(TrialState.Complete).Count,
            WarmupStudies = warmupStudies,
            WarmupSeconds = warmupElapsed,
            Seconds = Stopwatch.GetElapsedTime(ends[0], ends[total]).TotalSeconds,
        });
        return 0;
    }

    private static Study NewStudy(string sampler, int seed, int objectives) => Study.Create(new StudyOptions
    {
        Storage = new InMemoryStorage(),
        Sampler = SamplerRegistry.Create(sampler, seed),
        Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, objectives)],
    });

    private static void Optimize(Study study, int objectives, OptimizeOptions options)
    {
        if (objectives == 1)
        {
            study.Optimize(SumOfSquares.Evaluate, options);
        }
        else
        {
            study.Optimize(SumOfSquares.EvaluateTwo, options);
        }
    }

    // The typical trial of the window: unlike the mean, it ignores the few trials that another process preempted,
    // which on a shared machine can outweigh a window of fast trials.
    private static double MedianTrialMs(long[] ends, int count)
    {
        var durations = new double[Window];
        for (var i = 0; i < Window; i++)
        {
            var trial = count - Window + i + 1;
            durations[i] = Stopwatch.GetElapsedTime(ends[trial - 1], ends[trial]).TotalMilliseconds;
        }

        Array.Sort(durations);
        return (durations[(Window / 2) - 1] + durations[Window / 2]) / 2;
    }
}

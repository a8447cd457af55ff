using System.Diagnostics;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// The pruning benchmark: every pruner × seed on the synthetic <see cref="LearningCurves"/>, one in-memory study per
/// run, printing the epochs used, the best value found, its regret and the time of each <c>ShouldPrune</c> decision.
/// </summary>
/// <remarks>
/// Trial i follows curve i whatever the sampler, so that Hone and Optuna see the same trials in the same order and only
/// the pruning decisions differ (the study still has a seeded <see cref="RandomSampler"/>; nothing is suggested). The
/// objective reports every step and asks the pruner after each report. The regret is the noise-free final value of the
/// best complete trial (chosen by its noisy final value) minus the best noise-free final value of all the run's curves.
/// The decision time is measured around <c>ShouldPrune</c>, as a mean and a median (the median resists preemption on a
/// busy machine); the <c>_late</c> figures cover the last tenth of the trials, which decide against about 0.9 × trials
/// finished ones. Every run's study is named <c>pruning</c>, or <c>pruning-SEED</c> with <c>--name-per-seed</c>: Optuna
/// assigns trials to Hyperband brackets by a hash of the study name, so with one name every seed shares one draw of
/// that assignment (Hone's order does not depend on the name).
/// </remarks>
internal static class PruningBenchmark
{
    private static readonly string[] Defaults = ["nop", "median", "successive-halving", "hyperband"];
    private static readonly string[] Names = [.. Defaults, "percentile", "patient", "wilcoxon"];

    public static int Run(BenchArguments args)
    {
        var check = args.Flag("check");
        var pruners = args.List("pruners", Defaults, Names);
        var seeds = args.Int("seeds", 5);
        var trials = args.Int("trials", 1000);
        var steps = args.Int("steps", 100);
        var namePerSeed = args.Flag("name-per-seed");
        args.RejectUnknown();

        if (check)
        {
            // Sample points of the curves for the peer to recompute.
            foreach (var seed in new[] { 1, 2, 12345 })
            {
                var curves = new LearningCurves(seed, steps);
                foreach (var trial in new[] { 0, 1, 7, 999 })
                {
                    JsonLine.Write(new { Bench = "pruning-check", Seed = seed, Trial = trial, Steps = steps, Observed = curves.Observed(trial), True = curves.True(trial, steps - 1) });
                }
            }

            return 0;
        }

        foreach (var pruner in pruners)
        {
            // A short run first, so that the timed runs use optimized code rather than the first tier of the JIT.
            _ = RunOne(pruner, 0, Math.Min(trials, 200), steps, "pruning");
            for (var seed = 1; seed <= seeds; seed++)
            {
                JsonLine.Write(RunOne(pruner, seed, trials, steps, namePerSeed ? $"pruning-{seed}" : "pruning"));
            }
        }

        return 0;
    }

    private static IPruner Create(string name) => name switch
    {
        "nop" => new NopPruner(),
        "median" => new MedianPruner(),
        "successive-halving" => new SuccessiveHalvingPruner(),
        "hyperband" => new HyperbandPruner(),
        "percentile" => new PercentilePruner(new PercentilePrunerOptions { Percentile = 25 }),
        "patient" => new PatientPruner(new MedianPruner(), new PatientPrunerOptions { Patience = 5 }),
        "wilcoxon" => new WilcoxonPruner(),
        _ => throw new BenchUsageException($"Unknown pruner '{name}'."),
    };

    private static object RunOne(string pruner, int seed, int trials, int steps, string name)
    {
        var curves = new LearningCurves(seed, steps);
        var study = Study.Create(new StudyOptions { Name = name, Sampler = new RandomSampler(seed), Pruner = Create(pruner) });
        var late = trials - (trials / 10);
        var times = new List<long>(trials * 4);
        var lateTimes = new List<long>(trials);
        long epochs = 0;
        double Objective(Trial trial)
        {
            var values = curves.Observed(trial.Number);
            for (var t = 0; t < steps; t++)
            {
                trial.Report(values[t], t);
                epochs++;
                var start = Stopwatch.GetTimestamp();
                var prune = trial.ShouldPrune();
                var ticks = Stopwatch.GetTimestamp() - start;
                times.Add(ticks);
                if (trial.Number >= late)
                {
                    lateTimes.Add(ticks);
                }

                if (prune)
                {
                    throw new TrialPrunedException();
                }
            }

            return values[^1];
        }

        var clock = Stopwatch.StartNew();
        study.Optimize(Objective, new OptimizeOptions { Trials = trials, ShowProgress = false });
        var seconds = clock.Elapsed.TotalSeconds;

        var best = study.BestTrial;
        var bestTrue = curves.True(best.Number, steps - 1);
        var optimum = curves.Optimum(trials);
        return new
        {
            Bench = "pruning",
            Framework = "hone",
            Pruner = pruner,
            Seed = seed,
            StudyName = name,
            Trials = trials,
            Steps = steps,
            TotalEpochs = epochs,
            EpochsFraction = epochs / (double)((long)trials * steps),
            Pruned = study.GetTrials(TrialState.Pruned).Count,
            Complete = study.GetTrials(TrialState.Complete).Count,
            BestTrial = best.Number,
            BestValue = best.Value,
            BestTrueFinal = bestTrue,
            Optimum = optimum,
            Regret = bestTrue - optimum,
            Decisions = times.Count,
            DecisionUsMean = Microseconds(times.Sum()) / times.Count,
            DecisionUsMedian = Microseconds(Median(times)),
            DecisionUsLate = lateTimes.Count == 0 ? 0 : Microseconds(lateTimes.Sum()) / lateTimes.Count,
            DecisionUsLateMedian = lateTimes.Count == 0 ? 0 : Microseconds(Median(lateTimes)),
            WallS = seconds,
        };
    }

    private static double Microseconds(double ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static double Median(List<long> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}

using System.Diagnostics;
using Hone.Numerics;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// The multi-objective pruning benchmark: every pruner × seed on the synthetic <see cref="TwoObjectiveCurves"/>, one
/// in-memory two-objective study per run, printing the epochs used and the noise-free final vectors of the complete
/// trials' front, from which bench/peers/summarize_mo_pruning.py computes the hypervolume.
/// </summary>
/// <remarks>
/// Trial i follows curve pair i whatever the sampler, so that every pruner sees the same trials in the same order and
/// only the pruning decisions differ. The objective reports both values at every step and asks the pruner after each
/// report. The front is the non-dominated set of the noise-free final vectors of the trials the run completed, so a
/// pruner loses hypervolume exactly when it stops a trial that would have ended on or near the front; the optimum is
/// the same for the noise-free finals of every trial of the run (what no pruning completes). The same-budget front is
/// that of the first trials a run without pruning completes with the epochs the pruner used: what pruning must beat to
/// be worth its decisions.
/// </remarks>
internal static class MoPruningBenchmark
{
    private static readonly string[] Defaults = ["nop", "pareto-median", "pareto-asha"];
    private static readonly string[] Names = [.. Defaults, "pareto-median-warmup", "pareto-asha-patient"];

    public static int Run(BenchArguments args)
    {
        var pruners = args.List("pruners", Defaults, Names);
        var seeds = args.Int("seeds", 10);
        var trials = args.Int("trials", 500);
        var steps = args.Int("steps", 100);
        args.RejectUnknown();

        foreach (var pruner in pruners)
        {
            for (var seed = 1; seed <= seeds; seed++)
            {
                JsonLine.Write(RunOne(pruner, seed, trials, steps));
            }
        }

        return 0;
    }

    private static IPruner Create(string name, int steps) => name switch
    {
        "nop" => new NopPruner(),
        "pareto-median" => new ParetoMedianPruner(),
        "pareto-asha" => new ParetoSuccessiveHalvingPruner(),

        // Less hasty variants: no judgement in the first tenth of the steps; the first rung at a tenth of them.
        "pareto-median-warmup" => new ParetoMedianPruner(new ParetoMedianPrunerOptions { WarmupSteps = steps / 10 }),
        "pareto-asha-patient" => new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = Math.Max(steps / 10, 1), ReductionFactor = 3 }),
        _ => throw new BenchUsageException($"Unknown pruner '{name}'."),
    };

    private static object RunOne(string pruner, int seed, int trials, int steps)
    {
        var curves = new TwoObjectiveCurves(seed, steps);
        var study = Study.Create(new StudyOptions
        {
            Name = "mo-pruning",
            Sampler = new RandomSampler(seed),
            Pruner = Create(pruner, steps),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });
        var times = new List<long>(trials * 4);
        long epochs = 0;
        IReadOnlyList<double> Objective(Trial trial)
        {
            var vectors = curves.Observed(trial.Number);
            for (var t = 0; t < steps; t++)
            {
                trial.Report(vectors[t], t);
                epochs++;
                var start = Stopwatch.GetTimestamp();
                var prune = trial.ShouldPrune();
                times.Add(Stopwatch.GetTimestamp() - start);
                if (prune)
                {
                    throw new TrialPrunedException();
                }
            }

            return vectors[^1];
        }

        var clock = Stopwatch.StartNew();
        study.Optimize(Objective, new OptimizeOptions { Trials = trials, ShowProgress = false });
        var seconds = clock.Elapsed.TotalSeconds;

        var complete = study.GetTrials(TrialState.Complete).Select(t => curves.True(t.Number, steps - 1)).ToList();
        var all = Enumerable.Range(0, trials).Select(i => curves.True(i, steps - 1)).ToList();
        var budget = all.Take((int)Math.Max(epochs / steps, 1)).ToList();
        times.Sort();
        return new
        {
            Bench = "mo-pruning",
            Framework = "hone",
            Pruner = pruner,
            Seed = seed,
            Trials = trials,
            Steps = steps,
            TotalEpochs = epochs,
            EpochsFraction = epochs / (double)((long)trials * steps),
            Pruned = study.GetTrials(TrialState.Pruned).Count,
            Complete = complete.Count,
            Front = Pareto.NonDominated(complete).Select(i => complete[i]).ToList(),
            OptimumFront = Pareto.NonDominated(all).Select(i => all[i]).ToList(),
            SameBudgetFront = Pareto.NonDominated(budget).Select(i => budget[i]).ToList(),
            DecisionUsMedian = times.Count == 0 ? 0 : times[times.Count / 2] * 1e6 / Stopwatch.Frequency,
            WallS = seconds,
        };
    }
}

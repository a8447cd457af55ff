using System.Diagnostics;
using Hone.Bench.Functions;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// The sampler quality suite: every sampler × function × seed, one in-memory study per run through
/// <c>study.Optimize</c>, printing the best-so-far curve and the per-trial overhead of each run.
/// </summary>
/// <remarks>
/// Seeds run from 1 to <c>--seeds</c> (Optuna's QMCSampler treats seed 0 as "no seed", so the peers skip it alike).
/// The overhead of a run is its wall time minus the time spent computing the function's value, per trial: what the
/// framework and the sampler cost, suggestions included (an independent sampler does its work inside them).
/// The curve is stored as the trials at which the best value improved: <c>[trials so far, best value]</c> pairs.
/// </remarks>
internal static class SuiteBenchmark
{
    public static int Run(BenchArguments args)
    {
        var samplers = args.List("samplers", SamplerRegistry.Names, SamplerRegistry.Names);
        var functions = args.List("functions", BenchFunctions.Names, BenchFunctions.Names);
        var seeds = args.Int("seeds", 10);
        var scale = args.Double("budget-scale", 1);
        args.RejectUnknown();

        foreach (var function in functions.Select(BenchFunctions.Find))
        {
            var budget = Math.Max(1, (int)Math.Round(function.Budget * scale));
            foreach (var sampler in samplers)
            {
                for (var seed = 1; seed <= seeds; seed++)
                {
                    JsonLine.Write(RunOne(function, sampler, seed, budget));
                }
            }
        }

        return 0;
    }

    private static object RunOne(BenchFunction function, string sampler, int seed, int budget)
    {
        var study = Study.Create(new StudyOptions { Storage = new InMemoryStorage(), Sampler = SamplerRegistry.Create(sampler, seed) });
        long objectiveTicks = 0;
        double Objective(Trial trial)
        {
            var point = function.Suggest(trial);
            var start = Stopwatch.GetTimestamp();
            var value = function.Value(point);
            objectiveTicks += Stopwatch.GetTimestamp() - start;
            return value;
        }

        var clock = Stopwatch.StartNew();
        study.Optimize(Objective, new OptimizeOptions { Trials = budget, ShowProgress = false });
        var seconds = clock.Elapsed.TotalSeconds;

        var trials = study.Trials;
        var curve = new List<double[]>();
        var best = double.PositiveInfinity;
        foreach (var trial in trials)
        {
            if (trial.Value < best)
            {
                best = trial.Value;
                curve.Add([trial.Number + 1, best]);
            }
        }

        var objectiveSeconds = Stopwatch.GetElapsedTime(0, objectiveTicks).TotalSeconds;
        return new
        {
            Bench = "suite",
            Peer = "hone",
            Sampler = sampler,
            Function = function.Name,
            Seed = seed,
            Trials = trials.Count,
            function.KnownMinimum,
            BestValue = best,
            Regret = best - function.KnownMinimum,
            Curve = curve,
            Seconds = seconds,
            ObjectiveSeconds = objectiveSeconds,
            OverheadMsPerTrial = (seconds - objectiveSeconds) * 1000 / budget,
        };
    }
}

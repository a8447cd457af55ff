using System.Diagnostics;
using Hone.Bench.Problems;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// The multi-objective suite: every sampler × problem × seed, one in-memory study per run through
/// <c>study.Optimize</c>, printing the final Pareto front of each run (the objective vectors of the complete, feasible
/// trials that no other such trial dominates) and its per-trial overhead.
/// </summary>
/// <remarks>
/// Seeds run from 1 to <c>--seeds</c>, as in the single-objective suite (from <c>--first-seed</c> on, to split a suite
/// between processes); the TPE samplers get the problem's <see cref="MoProblem.TpeBudget"/>, the others its
/// <see cref="MoProblem.Budget"/>. Hypervolumes are not computed here but by bench/peers/summarize_mo.py, with one
/// implementation and one fixed reference point per problem for both peers.
/// Constrained problems pass their constraints through <see cref="StudyOptions.Constraints"/>, so every sampler sees
/// them (those that ignore constraints, like <c>random</c>, simply sample as before). The overhead of a run is its wall
/// time minus the time spent computing the objectives, per trial.
/// </remarks>
internal static class MoSuiteBenchmark
{
    /// <summary>The registered samplers that handle several objectives, by the names the results use.</summary>
    private static readonly string[] MultiObjective = ["random", "tpe", "tpe-multivariate", "nsga2", "nsga3"];

    public static int Run(BenchArguments args)
    {
        var known = SamplerRegistry.Names.Where(MultiObjective.Contains).ToList();
        var samplers = args.List("samplers", known.Where(n => n != "tpe-multivariate").ToList(), known);
        var problems = args.List("problems", MoProblems.Names, MoProblems.Names);
        var seeds = args.Int("seeds", 10);
        var firstSeed = args.Int("first-seed", 1);
        var scale = args.Double("budget-scale", 1);
        args.RejectUnknown();

        foreach (var problem in problems.Select(MoProblems.Find))
        {
            foreach (var sampler in samplers)
            {
                var budget = Math.Max(1, (int)Math.Round(problem.BudgetFor(sampler) * scale));
                for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
                {
                    JsonLine.Write(RunOne(problem, sampler, seed, budget));
                }
            }
        }

        return 0;
    }

    private static object RunOne(MoProblem problem, string sampler, int seed, int budget)
    {
        var study = Study.Create(new StudyOptions
        {
            Storage = new InMemoryStorage(),
            Sampler = SamplerRegistry.Create(sampler, seed),
            Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, problem.Objectives)],
            Constraints = problem.Constraints > 0 ? t => problem.ConstraintValues(problem.Point(t)) : null,
        });
        long objectiveTicks = 0;
        IReadOnlyList<double> Objective(Trial trial)
        {
            var point = problem.Suggest(trial);
            var start = Stopwatch.GetTimestamp();
            var values = problem.Values(point);
            objectiveTicks += Stopwatch.GetTimestamp() - start;
            return values;
        }

        var clock = Stopwatch.StartNew();
        study.Optimize(Objective, new OptimizeOptions { Trials = budget, ShowProgress = false });
        var seconds = clock.Elapsed.TotalSeconds;

        var complete = study.GetTrials(TrialState.Complete);
        var objectiveSeconds = Stopwatch.GetElapsedTime(0, objectiveTicks).TotalSeconds;
        return new
        {
            Bench = "mo-suite",
            Peer = "hone",
            Sampler = sampler,
            Problem = problem.Name,
            Seed = seed,
            Trials = study.Trials.Count,
            Complete = complete.Count,
            Feasible = complete.Count(t => t.IsFeasible),
            Front = study.BestTrials.Select(t => t.Values).ToList(),
            Seconds = seconds,
            ObjectiveSeconds = objectiveSeconds,
            OverheadMsPerTrial = (seconds - objectiveSeconds) * 1000 / budget,
        };
    }
}

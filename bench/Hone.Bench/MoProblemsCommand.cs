using Hone.Bench.Problems;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;

namespace Hone.Bench;

/// <summary>
/// Lists the multi-objective problems; with <c>--check</c>, also their objective and constraint values at fixed points,
/// for the Optuna peer (<c>optuna_mo_suite.py check</c>) to recompute with its own definitions and compare.
/// </summary>
/// <remarks>The points are eight draws of a seeded <see cref="RandomSampler"/>, taken through <c>study.Optimize</c> with
/// the problem's own objective, so the check covers the suggestions too.</remarks>
internal static class MoProblemsCommand
{
    private const int Points = 8;
    private const int PointSeed = 7;

    public static int Run(BenchArguments args)
    {
        var check = args.Flag("check");
        args.RejectUnknown();

        foreach (var problem in MoProblems.All)
        {
            JsonLine.Write(new
            {
                Bench = "mo-problem",
                Peer = "hone",
                Problem = problem.Name,
                problem.Dimension,
                problem.Objectives,
                problem.Constraints,
                problem.Space,
                problem.Budget,
                problem.TpeBudget,
                problem.Source,
            });
            if (check)
            {
                WritePoints(problem);
            }
        }

        return 0;
    }

    private static void WritePoints(MoProblem problem)
    {
        var study = Study.Create(new StudyOptions
        {
            Storage = new InMemoryStorage(),
            Sampler = new RandomSampler(PointSeed),
            Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, problem.Objectives)],
        });
        study.Optimize(t => problem.Values(problem.Suggest(t)), new OptimizeOptions { Trials = Points, ShowProgress = false });
        foreach (var trial in study.Trials)
        {
            JsonLine.Write(new
            {
                Bench = "mo-point",
                Peer = "hone",
                Problem = problem.Name,
                Params = trial.Params.ToDictionary(p => p.Key, p => p.Value),
                trial.Values,
                Constraints = problem.ConstraintValues(problem.Point(trial)),
            });
        }
    }
}

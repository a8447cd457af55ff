using Hone.Bench.Functions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;

namespace Hone.Bench;

/// <summary>
/// Lists the suite's test functions; with <c>--check</c>, also their values at fixed points, for the Optuna peer
/// (<c>optuna_suite.py check</c>) to recompute with its own definitions and compare.
/// </summary>
/// <remarks>
/// The points of a function are its known minimiser and eight draws of a seeded <see cref="RandomSampler"/>, taken
/// through <c>study.Optimize</c> with the function's own objective, so the check covers the suggestions too.
/// </remarks>
internal static class FunctionsCommand
{
    private const int RandomPoints = 8;
    private const int PointSeed = 7;

    public static int Run(BenchArguments args)
    {
        var check = args.Flag("check");
        args.RejectUnknown();

        foreach (var function in BenchFunctions.All)
        {
            JsonLine.Write(new
            {
                Bench = "function",
                Peer = "hone",
                Function = function.Name,
                function.Dimension,
                function.Space,
                function.KnownMinimum,
                function.Minimizer,
                function.Budget,
                function.Source,
            });
            if (check)
            {
                WritePoints(function);
            }
        }

        return 0;
    }

    private static void WritePoints(BenchFunction function)
    {
        var study = Study.Create(new StudyOptions { Storage = new InMemoryStorage(), Sampler = new RandomSampler(PointSeed) });
        study.EnqueueTrial(function.Minimizer);
        study.Optimize(function.Evaluate, new OptimizeOptions { Trials = RandomPoints + 1, ShowProgress = false });
        foreach (var trial in study.Trials)
        {
            JsonLine.Write(new { Bench = "point", Peer = "hone", Function = function.Name, Params = trial.Params.ToDictionary(p => p.Key, p => p.Value), trial.Value });
        }
    }
}

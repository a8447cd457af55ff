using Hone.Studies;

namespace Hone.Bench;

/// <summary>Runs benchmark trials through one of the two ways a user drives a study.</summary>
internal static class TrialLoop
{
    public const string Optimize = "optimize";
    public const string AskTell = "asktell";

    public static void Run(Study study, int trials, string mode)
    {
        if (mode == Optimize)
        {
            study.Optimize(SumOfSquares.Evaluate, new OptimizeOptions { Trials = trials, ShowProgress = false });
            return;
        }

        for (var i = 0; i < trials; i++)
        {
            var trial = study.Ask();
            study.Tell(trial, SumOfSquares.Evaluate(trial));
        }
    }
}

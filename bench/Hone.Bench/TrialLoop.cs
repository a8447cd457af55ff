using Hone.Studies;

namespace Hone.Bench;

/// <summary>Runs benchmark trials through one of the two ways a user drives a study.</summary>
internal static class TrialLoop
{
    public const string Optimize = "optimize";
    public const string AskTell = "asktell";

    /// <summary>Runs <paramref name="trials"/> trials; <paramref name="stored"/>, when given, is called after each trial
    /// has been stored (from an <see cref="OptimizeOptions.Callbacks"/> entry, or after <c>Tell</c>).</summary>
    public static void Run(Study study, int trials, string mode, Action? stored = null)
    {
        if (mode == Optimize)
        {
            var options = new OptimizeOptions { Trials = trials, ShowProgress = false };
            if (stored is not null)
            {
                options.Callbacks.Add((_, _) => stored());
            }

            study.Optimize(SumOfSquares.Evaluate, options);
            return;
        }

        for (var i = 0; i < trials; i++)
        {
            var trial = study.Ask();
            study.Tell(trial, SumOfSquares.Evaluate(trial));
            stored?.Invoke();
        }
    }
}

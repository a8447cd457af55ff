using Hone.Trials;

namespace Hone.Cli.Running;

/// <summary>Shows a run's progress: plain lines when output is redirected, a live display on a terminal.</summary>
/// <remarks>Members are called from the run's workers, possibly at once; implementations lock.</remarks>
internal interface IRunView : IAsyncDisposable
{
    /// <summary>Shows a message about the run (a resumed study, a stop request).</summary>
    /// <param name="message">The message.</param>
    void Notice(string message);

    /// <summary>Shows a trial that ended.</summary>
    /// <param name="stored">The stored trial.</param>
    /// <param name="outcome">How its process ended.</param>
    /// <param name="repeat">Why it will run again ("retry 2 of 3", "next run"), or <see langword="null"/>.</param>
    void TrialEnded(FrozenTrial stored, TrialOutcome outcome, string? repeat);
}

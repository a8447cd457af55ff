namespace Hone.Cli.Running;

/// <summary>How a trial's process ended, as Hone records it.</summary>
internal enum TrialEnd
{
    /// <summary>It exited with code 0 after printing a finite result for every objective.</summary>
    Complete,

    /// <summary>The pruner stopped it after a report.</summary>
    Pruned,

    /// <summary>It failed: non-zero exit, no or bad result, a protocol error, a timeout, or it could not start.</summary>
    Failed,

    /// <summary>Hone was stopped (Ctrl-C, SIGTERM) while it ran; it was ended and is repeated by the next run.</summary>
    Interrupted,
}

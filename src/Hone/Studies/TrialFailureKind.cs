namespace Hone.Studies;

/// <summary>How a trial came to fail.</summary>
public enum TrialFailureKind
{
    /// <summary>Its worker reported the failure: the objective threw, returned a non-finite value, or the trial was told
    /// <see cref="Trials.TrialState.Failed"/>.</summary>
    Error,

    /// <summary>Its worker stopped sending heartbeats (killed, crashed, or cut off from the storage for longer than the
    /// grace period), and another worker failed it.</summary>
    Stale,
}

namespace Hone.Trials;

/// <summary>The life-cycle state of a trial.</summary>
public enum TrialState
{
    /// <summary>The trial is being evaluated.</summary>
    Running = 0,

    /// <summary>The trial finished and holds its objective values.</summary>
    Complete = 1,

    /// <summary>A pruner stopped the trial early.</summary>
    Pruned = 2,

    /// <summary>The objective threw, returned NaN or infinity, or the trial was abandoned.</summary>
    Failed = 3,

    /// <summary>The trial was enqueued and waits for a worker to take it.</summary>
    Waiting = 4,
}

namespace Hone.Pbt;

/// <summary>Why a stretch of a member's training (a <see cref="PbtSegment"/>) started.</summary>
public enum PbtSegmentReason
{
    /// <summary>The member's first stretch, from scratch with sampled hyperparameters.</summary>
    Initial,

    /// <summary>The member ranked in the bottom of the population, copied a top member's checkpoint and explored its
    /// hyperparameters.</summary>
    Exploit,

    /// <summary>The member failed; its slot starts again, from a top member's checkpoint when there is one, from scratch
    /// otherwise.</summary>
    Restart,

    /// <summary>The run was interrupted (its process stopped) and started again: the member goes on from the latest
    /// checkpoint it saved, with the hyperparameters it had then (from scratch when it saved none).</summary>
    Resume,
}

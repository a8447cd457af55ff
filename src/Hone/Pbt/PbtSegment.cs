using Hone.Trials;

namespace Hone.Pbt;

/// <summary>
/// One stretch of a member's training with one set of hyperparameters: one trial of the study. It starts when the
/// member starts, copies another member (exploit) or restarts after a failure, and ends when the member copies another
/// one (the trial is then pruned), fails (failed) or reaches the total steps (complete).
/// </summary>
public sealed record PbtSegment
{
    /// <summary>The trial number.</summary>
    public required int Trial { get; init; }

    /// <summary>The member's slot in the population.</summary>
    public required int Member { get; init; }

    /// <summary>The trial's state: running, pruned (the member copied another one), failed or complete.</summary>
    public required TrialState State { get; init; }

    /// <summary>Why the segment started.</summary>
    public required PbtSegmentReason Reason { get; init; }

    /// <summary>The member's step when the segment started: the steps it had trained, 0 from scratch.</summary>
    public required int StartStep { get; init; }

    /// <summary>The last step the segment reported a score at; <see cref="StartStep"/> before any.</summary>
    public required int EndStep { get; init; }

    /// <summary>The score at <see cref="EndStep"/>, or <see langword="null"/> before any report.</summary>
    public double? Score { get; init; }

    /// <summary>The scores the segment reported, by step.</summary>
    public required IReadOnlyDictionary<int, double> Scores { get; init; }

    /// <summary>The trial of the member whose checkpoint this segment started from; <see langword="null"/> from scratch.</summary>
    public int? ParentTrial { get; init; }

    /// <summary>The slot of that member.</summary>
    public int? ParentMember { get; init; }

    /// <summary>That member's step when it saved the checkpoint: within an interval of <see cref="StartStep"/>, as members
    /// train in turns.</summary>
    public int? ParentStep { get; init; }

    /// <summary>This member's previous segment, if any.</summary>
    public int? PreviousTrial { get; init; }

    /// <summary>The hyperparameters the segment trained with.</summary>
    public required IReadOnlyDictionary<string, object?> Hyperparameters { get; init; }

    /// <summary>The parent's hyperparameters before the explore step; <see langword="null"/> from scratch.</summary>
    public IReadOnlyDictionary<string, object?>? CopiedHyperparameters { get; init; }

    /// <summary>What the explore step did to each hyperparameter: <c>x1.2</c>, <c>+1</c>, <c>resampled</c>, <c>new</c>
    /// (a conditional parameter the parent lacked); <see langword="null"/> from scratch.</summary>
    public IReadOnlyDictionary<string, string>? Explore { get; init; }

    /// <summary>Why the segment failed, for a failed one.</summary>
    public string? FailReason { get; init; }
}

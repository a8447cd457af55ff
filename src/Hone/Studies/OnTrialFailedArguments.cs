using Hone.Trials;

namespace Hone.Studies;

/// <summary>What <see cref="StudyOptions.OnTrialFailed"/> and <see cref="RetryPolicy.ShouldRetry"/> learn of a failed trial.</summary>
public readonly struct OnTrialFailedArguments
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The failed trial, as stored.</param>
    /// <param name="kind">How it failed.</param>
    public OnTrialFailedArguments(Study study, FrozenTrial trial, TrialFailureKind kind)
    {
        Study = study;
        Trial = trial;
        Kind = kind;
    }

    /// <summary>The study.</summary>
    public Study Study { get; }

    /// <summary>The failed trial, as stored; its reason is in <c>SystemAttrs["fail_reason"]</c>.</summary>
    public FrozenTrial Trial { get; }

    /// <summary>How it failed.</summary>
    public TrialFailureKind Kind { get; }
}

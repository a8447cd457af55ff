using Hone.Trials;

namespace Hone.Studies;

/// <summary>What <see cref="StudyOptions.OnTrialRetried"/> learns of a retry.</summary>
public readonly struct OnTrialRetriedArguments
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="study">The study.</param>
    /// <param name="failed">The failed trial.</param>
    /// <param name="retry">The waiting trial that runs its parameters again.</param>
    public OnTrialRetriedArguments(Study study, FrozenTrial failed, FrozenTrial retry)
    {
        Study = study;
        Failed = failed;
        Retry = retry;
    }

    /// <summary>The study.</summary>
    public Study Study { get; }

    /// <summary>The failed trial.</summary>
    public FrozenTrial Failed { get; }

    /// <summary>The waiting trial that runs the failed one's parameters again; its <see cref="FrozenTrial.Attempt"/> is one
    /// more than the failed one's.</summary>
    public FrozenTrial Retry { get; }
}

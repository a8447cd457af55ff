namespace Hone.Studies;

/// <summary>
/// Which failed trials run again: a retry is a waiting trial with the failed one's parameters, queued ahead of sampled
/// ones, whose system attributes record its lineage (<see cref="Trials.FrozenTrial.RetryOf"/>,
/// <see cref="Trials.FrozenTrial.Attempt"/>).
/// </summary>
/// <remarks>
/// Each failure is retried at most once, however many workers notice it: the retry is claimed in the storage with the
/// creation of its trial, in one atomic step (<see cref="Storages.IStorage.TryCreateTrial"/>, key <c>retry:</c> and the
/// trial number). A trial replaced by its retry does not count toward <see cref="OptimizeOptions.TotalTrials"/>.
/// </remarks>
public sealed class RetryPolicy
{
    /// <summary>How many times the parameters of one trial run again after failures: a trial of
    /// <see cref="Trials.FrozenTrial.Attempt"/> above it is not retried.</summary>
    /// <value>Default: 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Whether a failed trial should run again; asked only while attempts remain.</summary>
    /// <value>Default: stale trials only (<see cref="TrialFailureKind.Stale"/>): their worker died, so the parameters were
    /// never evaluated. Return <see langword="true"/> for <see cref="TrialFailureKind.Error"/> too to retry flaky
    /// objectives.</value>
    public Func<OnTrialFailedArguments, bool> ShouldRetry { get; set; } = arguments => arguments.Kind == TrialFailureKind.Stale;

    /// <summary>Checks the policy.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    internal void Validate()
    {
        if (MaxRetries < 0 || ShouldRetry is null)
        {
            throw new ArgumentException(
                $"Retry needs MaxRetries >= 0 and a ShouldRetry predicate, but got MaxRetries={MaxRetries}{(ShouldRetry is null ? " and no predicate" : string.Empty)}.",
                "options");
        }
    }
}

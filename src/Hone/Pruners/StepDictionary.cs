namespace Hone.Pruners;

/// <summary>
/// The intermediate values of a live trial's snapshot, with their <see cref="StepSummary"/> kept by the trial as it
/// reports: a pruner reads the last step and the best value at every report, and need not pass over every step for it.
/// </summary>
/// <param name="source">The values to copy.</param>
/// <param name="summary">Their summary.</param>
internal sealed class StepDictionary(Dictionary<int, double> source, StepSummary summary) : Dictionary<int, double>(source)
{
    /// <summary>The summary of the values.</summary>
    public StepSummary Summary { get; } = summary;
}

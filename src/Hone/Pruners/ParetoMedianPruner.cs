using System.Runtime.CompilerServices;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// The median rule for several objectives: prunes a trial whose intermediate vector at its last step lies in a worse
/// Pareto front than the median front of the complete trials' vectors at that step.
/// </summary>
/// <remarks>
/// <para>Trials report one value per objective with <see cref="Trial.Report(IReadOnlyList{double}, int)"/>. At the
/// trial's last step s (the largest step reported), the complete trials' vectors at s are sorted into non-dominated
/// fronts in the study's directions (front 0 is their Pareto front); each has the rank of its front. The trial's rank is
/// the front it would join: the first front none of whose members dominates its vector at s. The trial is pruned when
/// its rank is strictly worse than the median of the complete trials' ranks. A trial that no complete trial dominates
/// has rank 0 and is never pruned.</para>
/// <para>Only complete trials are compared against, as <see cref="MedianPruner"/> does: their vectors never change,
/// so a decision does not depend on what parallel workers happen to be running, and pruned trials, which stopped
/// because they were poor, do not soften the median. The trial is judged on its vector at s, not on its best values
/// so far: several objectives have no single best.</para>
/// <para>NaN values of other trials are ignored (such a vector is left out). A trial whose vector at s has a NaN value
/// cannot be ranked and is pruned once it is judged. A trial with no report, or whose vector at s does not have one
/// value per objective, is never pruned. Constraints are not considered: they are evaluated when a trial ends.</para>
/// <para>With one objective a front is a set of equal values and a rank counts the distinct values that beat it: the
/// trial is pruned when more distinct values beat its value at s than beat the median complete trial's. That is close
/// to <see cref="MedianPruner"/>, which compares the trial's best value so far with the median value.</para>
/// <para>Complete trials are read once each and each step's fronts kept until another trial that reported the step
/// completes, so that a decision costs a binary search over the fronts. One instance may serve several studies.</para>
/// </remarks>
public sealed class ParetoMedianPruner : IPruner
{
    private readonly ConditionalWeakTable<Study, CompletedFronts> _studies = [];
    private readonly int _startupTrials;
    private readonly int _warmupSteps;
    private readonly int _intervalSteps;
    private readonly int _minTrials;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: after 5 complete trials, at every step.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ParetoMedianPruner(ParetoMedianPrunerOptions? options = null)
    {
        options ??= new ParetoMedianPrunerOptions();
        options.Validate();
        _startupTrials = options.StartupTrials;
        _warmupSteps = options.WarmupSteps;
        _intervalSteps = options.IntervalSteps;
        _minTrials = options.MinTrials;
    }

    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (PrunerSteps.LastStep(trial) is not { } step
            || step < _warmupSteps
            || !PrunerSteps.IsFirstInInterval(trial, step, _warmupSteps, _intervalSteps)
            || ParetoPoints.At(trial, step, study.Directions) is not { } point)
        {
            return false;
        }

        var completed = _studies.GetValue(study, _ => new CompletedFronts());
        completed.Refresh(study);
        var count = completed.Count;
        if (count == 0 || count < _startupTrials)
        {
            return false;
        }

        return ParetoPoints.HasNaN(point) || completed.IsWorseThanMedian(step, point, _minTrials);
    }
}

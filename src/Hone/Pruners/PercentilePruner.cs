using System.Runtime.CompilerServices;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than a percentile of the complete trials' values at
/// the trial's last step.
/// </summary>
/// <remarks>
/// <para>The trial's last step is the largest step it reported (steps may come in any order; reporting a step again
/// overwrites its value). The trial's best value is taken over all its steps, in the study's direction.</para>
/// <para>NaN values of other trials are ignored. A trial whose every reported value is NaN has diverged and is pruned
/// once it is judged. A trial with no report is never pruned. Only complete trials are compared against; pruned,
/// failed and running ones are not.</para>
/// <para>Complete trials are read once each and their values kept sorted per step, so that a decision costs a look-up
/// whatever the number of trials and steps. One instance may serve several studies.</para>
/// </remarks>
public sealed class PercentilePruner : ISingleObjectivePruner
{
    private readonly ConditionalWeakTable<Study, CompletedSteps> _studies = [];
    private readonly double _percentile;
    private readonly int _startupTrials;
    private readonly int _warmupSteps;
    private readonly int _intervalSteps;
    private readonly int _minTrials;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: the median, after 5 complete trials, at every step.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PercentilePruner(PercentilePrunerOptions? options = null)
    {
        options ??= new PercentilePrunerOptions();
        options.Validate();
        _percentile = options.Percentile;
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
        var steps = StepSummary.Of(trial.IntermediateValues);
        if (steps.Last is not { } step
            || step < _warmupSteps
            || !PrunerSteps.IsFirstInInterval(steps, step, _warmupSteps, _intervalSteps))
        {
            return false;
        }

        var completed = _studies.GetValue(study, _ => new CompletedSteps());
        completed.Refresh(study);
        var count = completed.Count;
        if (count == 0 || count < _startupTrials)
        {
            return false;
        }

        var direction = study.Direction;
        var best = steps.Best(direction);
        if (double.IsNaN(best))
        {
            return true;
        }

        // The best trials of a maximized study lie at the top: "the best 25%" is then the 75th percentile.
        var q = direction == StudyDirection.Maximize ? 100 - _percentile : _percentile;
        var threshold = completed.Percentile(step, q, _minTrials);
        return !double.IsNaN(threshold) && Study.IsBetter(threshold, best, direction);
    }
}

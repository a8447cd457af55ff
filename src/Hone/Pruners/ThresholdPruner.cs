using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Prunes a trial whose value at its last step leaves fixed bounds, or is NaN: a guard against diverging training,
/// whatever the other trials do.
/// </summary>
/// <remarks>The last step is the largest step reported. The bounds hold in either direction of the study; the other
/// trials are not read.</remarks>
public sealed class ThresholdPruner : ISingleObjectivePruner
{
    private readonly double _lower;
    private readonly double _upper;
    private readonly int _warmupSteps;
    private readonly int _intervalSteps;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The bounds, and when to judge.</param>
    /// <exception cref="ArgumentException">No bound is given, a bound is NaN, the bounds are reversed, or a step option is out of range.</exception>
    public ThresholdPruner(ThresholdPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _lower = options.Lower ?? double.NegativeInfinity;
        _upper = options.Upper ?? double.PositiveInfinity;
        _warmupSteps = options.WarmupSteps;
        _intervalSteps = options.IntervalSteps;
    }

    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (PrunerSteps.LastStep(trial) is not { } step
            || step < _warmupSteps
            || !PrunerSteps.IsFirstInInterval(trial, step, _warmupSteps, _intervalSteps))
        {
            return false;
        }

        var value = trial.IntermediateValues[step];
        return double.IsNaN(value) || value < _lower || value > _upper;
    }
}

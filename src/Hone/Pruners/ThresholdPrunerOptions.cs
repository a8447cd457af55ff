using System.Globalization;

namespace Hone.Pruners;

/// <summary>Options of <see cref="ThresholdPruner"/>: at least one bound.</summary>
public sealed class ThresholdPrunerOptions
{
    /// <summary>A trial whose last value falls below this bound is pruned.</summary>
    /// <value>Default: none.</value>
    public double? Lower { get; set; }

    /// <summary>A trial whose last value rises above this bound is pruned.</summary>
    /// <value>Default: none.</value>
    public double? Upper { get; set; }

    /// <summary>Steps below this one are never judged.</summary>
    /// <value>Default: 0. At least 0.</value>
    public int WarmupSteps { get; set; }

    /// <summary>The spacing of the steps at which a trial is judged, counted from <see cref="WarmupSteps"/>.</summary>
    /// <value>Default: 1 (every step). At least 1.</value>
    public int IntervalSteps { get; set; } = 1;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">No bound is given, a bound is NaN, or the bounds are reversed.</exception>
    internal void Validate()
    {
        if (Lower is null && Upper is null)
        {
            throw new ArgumentException("ThresholdPrunerOptions needs Lower, Upper or both, but got neither. Set the bound a good trial stays within.");
        }

        if (Lower is { } l && double.IsNaN(l) || Upper is { } u && double.IsNaN(u))
        {
            throw new ArgumentException("ThresholdPrunerOptions.Lower and Upper must be numbers, but one is NaN. Leave a bound unset instead.");
        }

        if (Lower is { } low && Upper is { } high && low > high)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"ThresholdPrunerOptions needs Lower <= Upper, but got Lower = {low}, Upper = {high}. Swap them."));
        }

        PrunerSteps.AtLeast("ThresholdPrunerOptions.WarmupSteps", WarmupSteps, 0, "Use 0 to judge trials from their first step.");
        PrunerSteps.AtLeast("ThresholdPrunerOptions.IntervalSteps", IntervalSteps, 1, "Use 1 to judge trials at every step.");
    }
}

using System.Globalization;

namespace Hone.Pruners;

/// <summary>Options of <see cref="PercentilePruner"/>.</summary>
public sealed class PercentilePrunerOptions
{
    /// <summary>The percentile of the other trials' values at the same step that a trial must reach: 25 keeps the best
    /// quarter (prunes the most), 75 keeps the best three quarters.</summary>
    /// <value>Default: 50 (the median). In [0, 100].</value>
    public double Percentile { get; set; } = 50;

    /// <summary>How many trials must be complete before any trial is pruned.</summary>
    /// <value>Default: 5. At least 0.</value>
    public int StartupTrials { get; set; } = 5;

    /// <summary>Steps below this one are never judged, so that a trial is not pruned in its first noisy epochs.</summary>
    /// <value>Default: 0. At least 0.</value>
    public int WarmupSteps { get; set; }

    /// <summary>The spacing of the steps at which a trial is judged, counted from <see cref="WarmupSteps"/>.</summary>
    /// <value>Default: 1 (every step). At least 1.</value>
    public int IntervalSteps { get; set; } = 1;

    /// <summary>The fewest complete trials that must have reported a number at a step for a trial to be judged there.</summary>
    /// <value>Default: 1. At least 1.</value>
    public int MinTrials { get; set; } = 1;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        if (!(Percentile is >= 0 and <= 100))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"PercentilePrunerOptions.Percentile must be in [0, 100], but got {Percentile}. Use 50 for the median, lower to prune more."));
        }

        PrunerSteps.AtLeast("PercentilePrunerOptions.StartupTrials", StartupTrials, 0, "Use 0 to prune from the first complete trial.");
        PrunerSteps.AtLeast("PercentilePrunerOptions.WarmupSteps", WarmupSteps, 0, "Use 0 to judge trials from their first step.");
        PrunerSteps.AtLeast("PercentilePrunerOptions.IntervalSteps", IntervalSteps, 1, "Use 1 to judge trials at every step.");
        PrunerSteps.AtLeast("PercentilePrunerOptions.MinTrials", MinTrials, 1, "Use 1 to judge a step as soon as one complete trial reported it.");
    }
}

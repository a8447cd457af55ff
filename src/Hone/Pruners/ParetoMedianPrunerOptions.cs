namespace Hone.Pruners;

/// <summary>Options of <see cref="ParetoMedianPruner"/>.</summary>
public sealed class ParetoMedianPrunerOptions
{
    /// <summary>How many trials must be complete before any trial is pruned.</summary>
    /// <value>Default: 5. At least 0.</value>
    public int StartupTrials { get; set; } = 5;

    /// <summary>Steps below this one are never judged, so that a trial is not pruned in its first noisy epochs.</summary>
    /// <value>Default: 0. At least 0.</value>
    public int WarmupSteps { get; set; }

    /// <summary>The spacing of the steps at which a trial is judged, counted from <see cref="WarmupSteps"/>.</summary>
    /// <value>Default: 1 (every step). At least 1.</value>
    public int IntervalSteps { get; set; } = 1;

    /// <summary>The fewest complete trials that must have reported a vector at a step for a trial to be judged there.</summary>
    /// <value>Default: 1. At least 1.</value>
    public int MinTrials { get; set; } = 1;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        PrunerSteps.AtLeast("ParetoMedianPrunerOptions.StartupTrials", StartupTrials, 0, "Use 0 to prune from the first complete trial.");
        PrunerSteps.AtLeast("ParetoMedianPrunerOptions.WarmupSteps", WarmupSteps, 0, "Use 0 to judge trials from their first step.");
        PrunerSteps.AtLeast("ParetoMedianPrunerOptions.IntervalSteps", IntervalSteps, 1, "Use 1 to judge trials at every step.");
        PrunerSteps.AtLeast("ParetoMedianPrunerOptions.MinTrials", MinTrials, 1, "Use 1 to judge a step as soon as one complete trial reported it.");
    }
}

using System.Globalization;

namespace Hone.Pruners;

/// <summary>Options of <see cref="HyperbandPruner"/>.</summary>
public sealed class HyperbandPrunerOptions
{
    /// <summary>The steps a trial of the most aggressive bracket runs before its first judgement (r).</summary>
    /// <value>Default: 1. At least 1, at most <see cref="MaxResource"/>.</value>
    public int MinResource { get; set; } = 1;

    /// <summary>The steps a complete trial runs (R); with <see cref="MinResource"/> and <see cref="ReductionFactor"/>
    /// it sets the number of brackets, <c>floor(log_η(R / r)) + 1</c>.</summary>
    /// <value>Default: <see langword="null"/>, inferred as the last step + 1 of the first complete trial; no trial is
    /// pruned before. At least <see cref="MinResource"/> when set.</value>
    public int? MaxResource { get; set; }

    /// <summary>How much each rung thins the trials (η).</summary>
    /// <value>Default: 3. At least 2.</value>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>How many trials must have reached a rung of a bracket before any is judged there.</summary>
    /// <value>Default: 0. At least 0.</value>
    public int BootstrapCount { get; set; }

    /// <summary>Rotates the order in which trial numbers take the brackets: trial 0 takes the place that trial
    /// <c>Seed</c> would have (modulo the order's period, the sum of the bracket budgets), so that seeded runs differ in
    /// which trials share a bracket while each bracket keeps its share.</summary>
    /// <value>Default: <see langword="null"/>, no rotation: trial 0 starts the order, whatever the study. Every
    /// process of a study must use the same value.</value>
    public int? Seed { get; set; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        PrunerSteps.AtLeast("HyperbandPrunerOptions.MinResource", MinResource, 1, "Give the steps a trial of the most aggressive bracket runs before its first judgement.");
        if (MaxResource is { } max && max < MinResource)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"HyperbandPrunerOptions.MaxResource must be >= MinResource, but got MaxResource = {max}, MinResource = {MinResource}. Set MaxResource to the steps a complete trial runs, or MinResource lower."));
        }

        PrunerSteps.AtLeast("HyperbandPrunerOptions.ReductionFactor", ReductionFactor, 2, "Use 3, as the paper suggests.");
        PrunerSteps.AtLeast("HyperbandPrunerOptions.BootstrapCount", BootstrapCount, 0, "Use 0 to judge trials from the first one that reaches a rung.");
    }
}

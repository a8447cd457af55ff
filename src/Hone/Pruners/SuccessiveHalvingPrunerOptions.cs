using System.Globalization;

namespace Hone.Pruners;

/// <summary>Options of <see cref="SuccessiveHalvingPruner"/> and of <see cref="ParetoSuccessiveHalvingPruner"/>, its
/// multi-objective form.</summary>
public sealed class SuccessiveHalvingPrunerOptions
{
    /// <summary>The steps a trial runs before its first judgement (r in the paper): the first rung lies at step
    /// <c>MinResource * ReductionFactor^MinEarlyStoppingRate</c>.</summary>
    /// <value>Default: <see langword="null"/>, estimated once the first trial completes as its last step / 100 (at
    /// least 1); no trial is pruned before. At least 1 when set.</value>
    public int? MinResource { get; set; }

    /// <summary>How much each rung thins the trials (η): only the best 1/η of the trials that reached a rung go on.</summary>
    /// <value>Default: 4. At least 2.</value>
    public int ReductionFactor { get; set; } = 4;

    /// <summary>Moves the first rung up by this many powers of <see cref="ReductionFactor"/> (s in the paper), for a
    /// less aggressive pruner.</summary>
    /// <value>Default: 0. At least 0.</value>
    public int MinEarlyStoppingRate { get; set; }

    /// <summary>How many trials must have reached a rung before any is judged there; the first ones stop at the rung
    /// to seed it.</summary>
    /// <value>Default: 0. At least 0.</value>
    public int BootstrapCount { get; set; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        if (MinResource is < 1)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"SuccessiveHalvingPrunerOptions.MinResource must be >= 1, but got {MinResource}. Give the steps a trial runs before its first judgement, or leave it unset to estimate it."));
        }

        PrunerSteps.AtLeast("SuccessiveHalvingPrunerOptions.ReductionFactor", ReductionFactor, 2, "Use 3 or 4, as the paper suggests.");
        PrunerSteps.AtLeast("SuccessiveHalvingPrunerOptions.MinEarlyStoppingRate", MinEarlyStoppingRate, 0, "Use 0 for the first rung at MinResource.");
        PrunerSteps.AtLeast("SuccessiveHalvingPrunerOptions.BootstrapCount", BootstrapCount, 0, "Use 0 to judge trials from the first one that reaches a rung.");
    }
}

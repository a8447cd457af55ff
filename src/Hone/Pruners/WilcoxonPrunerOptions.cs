using System.Globalization;

namespace Hone.Pruners;

/// <summary>Options of <see cref="WilcoxonPruner"/>.</summary>
public sealed class WilcoxonPrunerOptions
{
    /// <summary>The p-value below which the trial is held to be worse than the best trial, and pruned. Lower prunes
    /// less often and more surely.</summary>
    /// <value>Default: 0.1. In (0, 1].</value>
    public double PThreshold { get; set; } = 0.1;

    /// <summary>How many steps the trial must share with the best trial before it is judged.</summary>
    /// <value>Default: 2. At least 0.</value>
    public int StartupSteps { get; set; } = 2;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        if (!(PThreshold is > 0 and <= 1))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"WilcoxonPrunerOptions.PThreshold must be in (0, 1], but got {PThreshold}. Use 0.1, or lower to prune more surely."));
        }

        PrunerSteps.AtLeast("WilcoxonPrunerOptions.StartupSteps", StartupSteps, 0, "Use 2 or more, so that one lucky instance does not decide.");
    }
}

using System.Globalization;

namespace Hone.Pruners;

/// <summary>Options of <see cref="PatientPruner"/>.</summary>
public sealed class PatientPrunerOptions
{
    /// <summary>How many steps in a row may pass without improvement before the trial is handed to the wrapped pruner.</summary>
    /// <value>Default: 3. At least 0.</value>
    public int Patience { get; set; } = 3;

    /// <summary>How much a value must beat the best earlier value by to count as an improvement.</summary>
    /// <value>Default: 0. At least 0.</value>
    public double MinDelta { get; set; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        PrunerSteps.AtLeast("PatientPrunerOptions.Patience", Patience, 0, "Use 0 to consult the wrapped pruner as soon as a step does not improve.");
        if (!(MinDelta >= 0 && double.IsFinite(MinDelta)))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"PatientPrunerOptions.MinDelta must be a finite number >= 0, but got {MinDelta}. Use 0 to count any improvement."));
        }
    }
}

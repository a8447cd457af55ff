using System.Globalization;

namespace Hone.Pbt;

/// <summary>Options of <see cref="PopulationBasedTraining"/>; read and checked when it is built.</summary>
public sealed class PopulationBasedTrainingOptions
{
    /// <summary>How many members train side by side.</summary>
    /// <value>Default 8. Must be &gt;= 2: members copy one another. The paper used 10 to 80.</value>
    public int PopulationSize { get; set; } = 8;

    /// <summary>How many steps every member trains in all; a member that copies another keeps its own count.</summary>
    /// <value>No default: must be set, &gt;= 1.</value>
    public int TotalSteps { get; set; }

    /// <summary>How many steps a member trains between two evaluations; after each, a member in the bottom of the
    /// population copies one in the top (exploit) and changes its hyperparameters (explore).</summary>
    /// <value>Default 5. Must be in [1, <see cref="TotalSteps"/>].</value>
    public int Interval { get; set; } = 5;

    /// <summary>The share of the population that copies another member at each evaluation (truncation selection): a
    /// member ranked in the bottom <c>⌈f·n⌉</c> of the n members with a score copies one drawn from the top as many
    /// (at most half the population each).</summary>
    /// <value>Default 0.25, the paper's bottom and top 20 to 25 %. Must be in (0, 0.5].</value>
    public double ExploitFraction { get; set; } = 0.25;

    /// <summary>The factors a real hyperparameter is multiplied by when explored, one drawn at random; integers and
    /// categorical ones move to a neighbouring value instead.</summary>
    /// <value>Default [0.8, 1.2], as in the paper. At least one, each finite and &gt; 0.</value>
    public IReadOnlyList<double> PerturbationFactors { get; set; } = [0.8, 1.2];

    /// <summary>The probability that an explored hyperparameter is drawn afresh from its distribution rather than
    /// perturbed.</summary>
    /// <value>Default 0.25. Must be in [0, 1].</value>
    public double ResampleProbability { get; set; } = 0.25;

    /// <summary>How many members train at once.</summary>
    /// <value>Default 1: one member trains at a time. Must be &gt;= 1; more than
    /// <see cref="PopulationSize"/> is the same as <see cref="PopulationSize"/>.</value>
    public int Parallelism { get; set; } = 1;

    /// <summary>The seed of the initial hyperparameters, the choice of members to copy and the explore step.</summary>
    /// <value>Default <see langword="null"/>: a different sequence each run. With <see cref="Parallelism"/> = 1 the same
    /// seed gives the same run.</value>
    public int? Seed { get; set; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        Check(PopulationSize >= 2, "PopulationSize", PopulationSize, ">= 2", "Members copy one another: use at least 2 (the paper used 10 to 80).");
        Check(TotalSteps >= 1, "TotalSteps", TotalSteps, ">= 1", "Set it to the steps each member trains in all.");
        Check(Interval >= 1 && Interval <= TotalSteps, "Interval", Interval, $"in [1, TotalSteps = {TotalSteps}]", "Above TotalSteps no member would ever copy another.");
        Check(ExploitFraction is > 0 and <= 0.5, "ExploitFraction", ExploitFraction, "in (0, 0.5]", "Use 0.25: the bottom quarter copies the top quarter.");
        Check(PerturbationFactors is { Count: > 0 } && PerturbationFactors.All(f => double.IsFinite(f) && f > 0), "PerturbationFactors", PerturbationFactors is null ? null : "[" + string.Join(", ", PerturbationFactors.Select(f => f.ToString(CultureInfo.InvariantCulture))) + "]", "a non-empty list of finite factors > 0", "Use [0.8, 1.2].");
        Check(ResampleProbability is >= 0 and <= 1, "ResampleProbability", ResampleProbability, "in [0, 1]", "Use 0.25.");
        Check(Parallelism >= 1, "Parallelism", Parallelism, ">= 1", "Use 1 to train members one at a time.");
    }

    private static void Check(bool valid, string option, object? value, string range, string hint)
    {
        if (!valid)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"PopulationBasedTrainingOptions.{option} must be {range}, but got {value ?? "null"}. {hint}"));
        }
    }
}

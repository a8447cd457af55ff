using System.Globalization;

namespace Hone.Samplers.Nsga;

/// <summary>What <see cref="NsgaIISampler"/> and <see cref="NsgaIIISampler"/> share: the population and the
/// variation operators. Validated when the sampler is built.</summary>
/// <remarks>
/// The operators work on each float and int parameter mapped onto [0, 1] (log parameters in log space; int and stepped
/// parameters widened by half a step at each end, then rounded), so their settings do not depend on the parameters'
/// units.
/// </remarks>
public abstract class NsgaSamplerOptions
{
    /// <summary>The seed of the sampler's random draws; with a seed, a study run sequentially proposes the same trials,
    /// and a resumed study the trials it would have proposed uninterrupted.</summary>
    /// <value>Default: <see langword="null"/>, a different sequence each run.</value>
    public int? Seed { get; set; }

    /// <summary>The number of trials per generation, and of parents kept from one generation to the next.</summary>
    /// <value>Default: 50. Must be &gt;= 2.</value>
    public int PopulationSize { get; set; } = 50;

    /// <summary>How a child's float and int parameters are made from its two parents.</summary>
    /// <value>Default: <see cref="NsgaCrossover.Uniform"/>, followed by polynomial mutation. On ZDT1, ZDT2, ZDT3 (30
    /// parameters) and DTLZ2 (3 objectives), at 1,000 and 3,000 trials, it reached a larger median hypervolume than SBX
    /// (η 2 to 20), the operator of the NSGA-II paper, which is tuned for tens of thousands of evaluations; BLX-α did
    /// better on the ZDT problems only, whose optima lie on the bounds where clipping puts many children.</value>
    public NsgaCrossover Crossover { get; set; } = NsgaCrossover.Uniform;

    /// <summary>The probability that a child is a crossover of two parents rather than a copy of one (before mutation).</summary>
    /// <value>Default: 0.9. Must be in [0, 1].</value>
    public double CrossoverProbability { get; set; } = 0.9;

    /// <summary>The probability that a parameter comes from the second parent in uniform crossover, in SBX for the
    /// parameters it does not blend, and for categorical parameters in every crossover.</summary>
    /// <value>Default: 0.5. Must be in [0, 1].</value>
    public double SwappingProbability { get; set; } = 0.5;

    /// <summary>The distribution index η of simulated binary crossover: larger values keep children closer to their
    /// parents.</summary>
    /// <value>Default: 15, as pymoo; Deb et al. 2002 used 20. Must be a finite number &gt;= 0.</value>
    public double SbxEta { get; set; } = 15;

    /// <summary>The α of BLX-α: how far beyond the parents' interval, as a fraction of its length, a child may go.</summary>
    /// <value>Default: 0.5. Must be a finite number &gt;= 0.</value>
    public double BlxAlpha { get; set; } = 0.5;

    /// <summary>The probability that each parameter of a child mutates: a float or int parameter by polynomial mutation,
    /// a categorical one by a uniform draw among its choices.</summary>
    /// <value>Default: <see langword="null"/>, 1/n for a child of n parameters, so that one parameter mutates on
    /// average. Must be in [0, 1].</value>
    public double? MutationProbability { get; set; }

    /// <summary>The distribution index η of polynomial mutation (Deb and Goyal 1996): larger values mutate less far.</summary>
    /// <value>Default: 20, as Deb et al. 2002 and pymoo. Must be a finite number &gt;= 0.</value>
    public double MutationEta { get; set; } = 20;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">The first option out of range, named with its value and valid range.</exception>
    internal virtual void Validate()
    {
        var type = GetType().Name;
        if (PopulationSize < 2)
        {
            throw Invalid($"{type}.PopulationSize must be >= 2, but got {PopulationSize}. Use at least 2 (the default is 50).");
        }

        if (!Enum.IsDefined(Crossover))
        {
            throw Invalid($"{type}.Crossover must be Uniform, Sbx or BlxAlpha, but got {(int)Crossover}.");
        }

        CheckProbability(type, nameof(CrossoverProbability), CrossoverProbability);
        CheckProbability(type, nameof(SwappingProbability), SwappingProbability);
        if (MutationProbability is { } mutation)
        {
            CheckProbability(type, nameof(MutationProbability), mutation);
        }

        CheckIndex(type, nameof(SbxEta), SbxEta);
        CheckIndex(type, nameof(BlxAlpha), BlxAlpha);
        CheckIndex(type, nameof(MutationEta), MutationEta);
    }

    /// <summary>An exception for a bad option, with an invariant message.</summary>
    private protected static ArgumentException Invalid(FormattableString message) =>
        new(message.ToString(CultureInfo.InvariantCulture), "options");

    private static void CheckProbability(string type, string name, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw Invalid($"{type}.{name} must be in [0, 1], but got {value}.");
        }
    }

    private static void CheckIndex(string type, string name, double value)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw Invalid($"{type}.{name} must be a finite number >= 0, but got {value}.");
        }
    }
}

using System.Globalization;

namespace Hone.Samplers.Nsga;

/// <summary>How a <see cref="NsgaIIISampler"/> searches: the options of <see cref="NsgaSamplerOptions"/> and its
/// reference points. Validated when the sampler is built; the reference points' dimension when the first trial starts.</summary>
public sealed class NsgaIIISamplerOptions : NsgaSamplerOptions
{
    /// <summary>The reference points, one coordinate per objective, in the normalized objective space where the ideal
    /// point is the origin and the intercepts of the front are at 1 (minimized objectives).</summary>
    /// <value>Default: <see langword="null"/>, the Das–Dennis points of <see cref="Divisions"/>. When given, every point
    /// has one finite, non-negative coordinate per objective, not all zero, and <see cref="Divisions"/> stays null.</value>
    public IReadOnlyList<IReadOnlyList<double>>? ReferencePoints { get; set; }

    /// <summary>The number of divisions p of each objective axis for the Das–Dennis reference points: all points whose
    /// coordinates are multiples of 1/p summing to 1, C(m + p - 1, p) of them for m objectives.</summary>
    /// <value>Default: <see langword="null"/>, the largest p whose points do not outnumber
    /// <see cref="NsgaSamplerOptions.PopulationSize"/>, as Deb and Jain size the population to the reference points
    /// (50 trials: 50 points for 2 objectives, 45 for 3, 35 for 5); at least 1. Must be in [1, 1000] and give at most
    /// 100,000 points.</value>
    public int? Divisions { get; set; }

    /// <summary>Throws when an option is out of range; the reference points' dimension is checked against the study later.</summary>
    /// <exception cref="ArgumentException">The first option out of range, named with its value and valid range.</exception>
    internal override void Validate()
    {
        base.Validate();
        if (Divisions is { } divisions && divisions is < 1 or > 1000)
        {
            throw Invalid($"NsgaIIISamplerOptions.Divisions must be in [1, 1000], but got {divisions}. Leave it null to fit the reference points to the population size.");
        }

        if (ReferencePoints is not { } points)
        {
            return;
        }

        if (Divisions is not null)
        {
            throw Invalid($"NsgaIIISamplerOptions.ReferencePoints and Divisions cannot both be set, but got {points.Count} points and Divisions = {Divisions}. Set one of them.");
        }

        if (points.Count == 0)
        {
            throw Invalid($"NsgaIIISamplerOptions.ReferencePoints must hold at least one point, but got none. Leave it null for Das–Dennis points.");
        }

        var dimension = points[0]?.Count ?? 0;
        for (var j = 0; j < points.Count; j++)
        {
            var point = points[j];
            if (point is null || point.Count != dimension || dimension == 0)
            {
                throw Invalid($"NsgaIIISamplerOptions.ReferencePoints[{j}] has {point?.Count ?? 0} coordinates, but ReferencePoints[0] has {dimension}. Give every point one coordinate per objective.");
            }

            if (point.Any(v => !(v >= 0 && double.IsFinite(v))) || point.All(v => v == 0))
            {
                throw Invalid($"NsgaIIISamplerOptions.ReferencePoints[{j}] = [{string.Join(", ", point.Select(v => v.ToString(CultureInfo.InvariantCulture)))}] must have finite coordinates >= 0, not all 0.");
            }
        }
    }
}

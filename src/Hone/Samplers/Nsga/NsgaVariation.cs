using Hone.Numerics;

namespace Hone.Samplers.Nsga;

/// <summary>Makes a child from two parents in the coordinates of an <see cref="NsgaSpace"/>: crossover, then mutation.</summary>
internal sealed class NsgaVariation
{
    /// <summary>Parents closer than this on a coordinate are treated as equal there: SBX would divide by their gap.</summary>
    private const double Tiny = 1e-14;

    private readonly NsgaCrossover _crossover;
    private readonly double _crossoverProbability;
    private readonly double _swappingProbability;
    private readonly double _sbxEta;
    private readonly double _blxAlpha;
    private readonly double? _mutationProbability;
    private readonly double _mutationEta;

    /// <summary>Takes validated options.</summary>
    public NsgaVariation(NsgaSamplerOptions options)
    {
        _crossover = options.Crossover;
        _crossoverProbability = options.CrossoverProbability;
        _swappingProbability = options.SwappingProbability;
        _sbxEta = options.SbxEta;
        _blxAlpha = options.BlxAlpha;
        _mutationProbability = options.MutationProbability;
        _mutationEta = options.MutationEta;
    }

    /// <summary>Writes into <paramref name="child"/> a child of <paramref name="first"/> and <paramref name="second"/>.</summary>
    /// <remarks>A coordinate that a parent lacks (NaN) is taken from the other; NaN in both stays NaN, for the caller to
    /// sample independently.</remarks>
    public void Breed(NsgaSpace space, double[] first, double[] second, double[] child, ref SplitMix64 random)
    {
        var n = space.Dimension;
        var cross = random.NextDouble() < _crossoverProbability;
        for (var i = 0; i < n; i++)
        {
            double a = first[i], b = second[i];
            if (double.IsNaN(a))
            {
                (a, b) = (b, a);
            }

            if (!cross || double.IsNaN(b))
            {
                child[i] = a;
            }
            else if (space.Choices[i] > 0)
            {
                child[i] = random.NextDouble() < _swappingProbability ? b : a;
            }
            else
            {
                child[i] = _crossover switch
                {
                    NsgaCrossover.Sbx => Sbx(a, b, ref random),
                    NsgaCrossover.Uniform => random.NextDouble() < _swappingProbability ? b : a,
                    _ => Blend(a, b, ref random),
                };
            }
        }

        var mutation = _mutationProbability ?? 1.0 / n;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(child[i]) || !(random.NextDouble() < mutation))
            {
                continue;
            }

            child[i] = space.Choices[i] > 0
                ? Math.Min((int)(random.NextDouble() * space.Choices[i]), space.Choices[i] - 1)
                : Polynomial(child[i], ref random);
        }
    }

    /// <summary>One coordinate of bounded SBX, in [0, 1]: with probability 0.5 a draw around the parents, one of the two
    /// children at random; otherwise one parent's value, as in uniform crossover.</summary>
    /// <remarks>Deb and Agrawal 1995, with the bounded spread of Deb's NSGA-II code, so that children stay inside the
    /// range without piling up on its ends.</remarks>
    private double Sbx(double a, double b, ref SplitMix64 random)
    {
        if (random.NextDouble() >= 0.5 || Math.Abs(a - b) <= Tiny)
        {
            return random.NextDouble() < _swappingProbability ? b : a;
        }

        var (low, high) = a < b ? (a, b) : (b, a);
        var gap = high - low;
        var u = random.NextDouble();
        var exponent = 1 / (_sbxEta + 1);
        var child = random.NextDouble() < 0.5
            ? 0.5 * (low + high - (SpreadFactor(1 + (2 * low / gap), u, exponent) * gap))
            : 0.5 * (low + high + (SpreadFactor(1 + (2 * (1 - high) / gap), u, exponent) * gap));
        return Math.Clamp(child, 0, 1);
    }

    /// <summary>The spread factor β_q of bounded SBX for a boundary distance β and a uniform draw u.</summary>
    private double SpreadFactor(double beta, double u, double exponent)
    {
        var alpha = 2 - Math.Pow(beta, -(_sbxEta + 1));
        return u <= 1 / alpha
            ? Math.Pow(u * alpha, exponent)
            : Math.Pow(1 / (2 - (u * alpha)), exponent);
    }

    /// <summary>One coordinate of BLX-α, clipped to [0, 1].</summary>
    private double Blend(double a, double b, ref SplitMix64 random)
    {
        var (low, high) = a < b ? (a, b) : (b, a);
        var margin = _blxAlpha * (high - low);
        return Math.Clamp(low - margin + (random.NextDouble() * (high - low + (2 * margin))), 0, 1);
    }

    /// <summary>Bounded polynomial mutation of a coordinate in [0, 1] (Deb and Goyal, "A combined genetic adaptive search
    /// (GeneAS) for engineering design", 1996, in the form of Deb's NSGA-II code): a perturbation whose spread shrinks as
    /// η grows and near the bound it heads for.</summary>
    private double Polynomial(double x, ref SplitMix64 random)
    {
        var u = random.NextDouble();
        var exponent = 1 / (_mutationEta + 1);
        double delta;
        if (u < 0.5)
        {
            var value = (2 * u) + ((1 - (2 * u)) * Math.Pow(1 - x, _mutationEta + 1));
            delta = Math.Pow(value, exponent) - 1;
        }
        else
        {
            var value = (2 * (1 - u)) + (2 * (u - 0.5) * Math.Pow(x, _mutationEta + 1));
            delta = 1 - Math.Pow(value, exponent);
        }

        return Math.Clamp(x + delta, 0, 1);
    }
}

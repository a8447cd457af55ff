using Hone.Numerics;

namespace Hone.Samplers.CmaEs;

/// <summary>
/// CMA-ES with margin (Hamano, Saito, Nomura and Shirakawa, GECCO 2022): after each update, keeps for every discrete
/// coordinate a probability of at least α of sampling outside the value the mean rounds to, so that the search does
/// not freeze on an integer plateau.
/// </summary>
/// <remarks>
/// The correction moves the mean (for a value at either end of the range) or rescales the coordinate by a factor A
/// (for an inner value) so that the marginal normal puts at least α/2 beyond each threshold of the mean's cell.
/// α = 1 / (n·λ) as in the paper.
/// </remarks>
internal static class CmaEsMargin
{
    /// <summary>The default margin α for a dimension and a population size.</summary>
    public static double Alpha(int dimension, int populationSize) => 1.0 / ((double)dimension * populationSize);

    /// <summary>The point to evaluate for a raw sample: discrete coordinates are scaled by A about the mean.</summary>
    public static void Encode(CmaEsState state, CmaEsSpace space, ReadOnlySpan<double> raw, Span<double> encoded)
    {
        var scale = state.MarginScale!;
        for (var i = 0; i < raw.Length; i++)
        {
            encoded[i] = space.IsDiscrete[i] ? state.Mean[i] + (scale[i] * (raw[i] - state.Mean[i])) : raw[i];
        }
    }

    /// <summary>Applies the margin correction to a freshly updated state.</summary>
    public static void Correct(CmaEsState state, CmaEsSpace space)
    {
        var scale = state.MarginScale!;
        var alpha = Alpha(state.Dimension, state.PopulationSize);
        var tail = StandardNormal.Quantile(1 - alpha);
        for (var i = 0; i < state.Dimension; i++)
        {
            if (!space.IsDiscrete[i])
            {
                continue;
            }

            var m = state.Mean[i];
            var spread = state.Sigma * Math.Sqrt(state.Variance(i));
            var (low, high) = space.CellOf(i, m);
            var s = scale[i] * spread;
            var below = StandardNormal.Cdf((low - m) / s);
            var above = StandardNormal.Cdf((m - high) / s);
            if (low == high)
            {
                // An end cell: its one threshold is on one side only. Pull the mean towards it until α lies beyond it.
                // (The paper tells end cells by max(below, above) > 0.5, which misses a mean exactly on the threshold.)
                if (Math.Min(below, above) < alpha)
                {
                    state.Mean[i] = high + (Math.Sign(m - high) * s * tail);
                }

                continue;
            }

            // An inner cell: raise each tail to α/2, taking the mass from the other parts in proportion, then choose
            // the mean and A that give exactly those tails.
            var inside = 1 - below - above;
            var lowTail = Math.Max(below, alpha / 2);
            var highTail = Math.Max(above, alpha / 2);
            var excess = 1 - lowTail - highTail - inside;
            var denominator = lowTail + inside + highTail - (3 * alpha / 2);
            var newLow = Math.Clamp(lowTail + (excess * (lowTail - (alpha / 2)) / denominator), 1e-10, 0.5 - 1e-10);
            var newHigh = Math.Clamp(highTail + (excess * (highTail - (alpha / 2)) / denominator), 1e-10, 0.5 - 1e-10);
            var lowQuantile = StandardNormal.Quantile(1 - newLow);
            var highQuantile = StandardNormal.Quantile(1 - newHigh);
            scale[i] = (high - low) / ((lowQuantile + highQuantile) * spread);
            state.Mean[i] = ((low * highQuantile) + (high * lowQuantile)) / (lowQuantile + highQuantile);
        }
    }
}

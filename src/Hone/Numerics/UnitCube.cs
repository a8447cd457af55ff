using Hone.Distributions;

namespace Hone.Numerics;

/// <summary>Maps coordinates of the unit interval onto distributions, for samplers that work in the unit cube.</summary>
internal static class UnitCube
{
    /// <summary>The internal value at coordinate <paramref name="u"/> of a distribution.</summary>
    /// <param name="distribution">The distribution.</param>
    /// <param name="u">A coordinate in [0, 1).</param>
    /// <returns>A value inside the distribution. Uniform coordinates give uniform values: in log space for log
    /// distributions, and with an equal share of the interval for each admissible value of discrete ones.</returns>
    public static double ToInternal(Distribution distribution, double u)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        switch (distribution)
        {
            case FloatDistribution f when f.Log:
                // Clamped both ways: exp(log(low)) can round below low.
                return Math.Clamp(Math.Exp(Lerp(Math.Log(f.Low), Math.Log(f.High), u)), f.Low, f.High);
            case FloatDistribution { Step: { } step } f:
                return f.Round(f.Low + (Cell(u, (long)Math.Round((f.High - f.Low) / step) + 1) * step));
            case FloatDistribution f:
                return Math.Min(f.High, Lerp(f.Low, f.High, u));
            case IntDistribution i when i.Log:
                // Each integer owns the log-space cell from k - 0.5 to k + 0.5, so the end points get their fair share.
                return i.Round(Math.Exp(Lerp(Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), u)));
            case IntDistribution i:
                return i.Low + ((double)Cell(u, (((long)i.High - i.Low) / i.Step) + 1) * i.Step);
            case CategoricalDistribution c:
                return Cell(u, c.Choices.Count);
            default:
                throw new NotSupportedException($"Cannot map the unit interval onto a {distribution.GetType().Name}.");
        }
    }

    /// <summary>Which of <paramref name="count"/> equal cells of [0, 1) holds <paramref name="u"/>.</summary>
    private static long Cell(double u, long count) => Math.Clamp((long)Math.Floor(u * count), 0, count - 1);

    private static double Lerp(double low, double high, double u) => low + (u * (high - low));
}

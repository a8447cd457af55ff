namespace Hone.Numerics;

/// <summary>The standard normal distribution: its cumulative distribution function and its quantile function.</summary>
internal static class StandardNormal
{
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>P(Z ≤ x) for a standard normal Z, to about 15 significant digits in both tails.</summary>
    public static double Cdf(double x) => TruncatedNormal.Ndtr(x);

    /// <summary>The density of the standard normal at x.</summary>
    public static double Density(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>The x with P(Z ≤ x) = p.</summary>
    /// <param name="p">A probability in (0, 1); 0 and 1 give the infinities.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        return p switch
        {
            0 => double.NegativeInfinity,
            1 => double.PositiveInfinity,
            // The upper half is taken by symmetry, where the lower tail keeps full relative precision.
            > 0.5 => -TruncatedNormal.InverseLogNdtr(Math.Log(1 - p)),
            _ => TruncatedNormal.InverseLogNdtr(Math.Log(p)),
        };
    }
}

namespace Hone.Numerics;

/// <summary>The standard normal distribution: its cumulative distribution function and its quantile function.</summary>
internal static class StandardNormal
{
    private const double InvSqrtPi = 0.56418958354775628695;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>P(Z ≤ x) for a standard normal Z, to about 15 significant digits in both tails.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

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

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        if (p > 0.5)
        {
            return -Quantile(1 - p);
        }

        // Abramowitz and Stegun 26.2.23 (error < 4.5e-4) as a start, then Newton steps on the accurate CDF.
        var t = Math.Sqrt(-2 * Math.Log(p));
        var x = -(t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t))));
        for (var i = 0; i < 4; i++)
        {
            var density = Density(x);
            if (density == 0)
            {
                break;
            }

            x -= (Cdf(x) - p) / density;
        }

        return x;
    }

    /// <summary>The complementary error function.</summary>
    /// <remarks>
    /// A series with positive terms only below 2 (no cancellation), the continued fraction of Abramowitz and Stegun
    /// 7.1.14 above, so that the upper tail keeps its relative accuracy.
    /// </remarks>
    internal static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 2)
        {
            // erf(x) = 2/√π · e^(−x²) · Σ 2ᵏ x^(2k+1) / (1·3·…·(2k+1)).
            double term = x, sum = x;
            for (var k = 1; k < 200 && term > 1e-17 * sum; k++)
            {
                term *= 2 * x * x / ((2 * k) + 1);
                sum += term;
            }

            return 1 - (2 * InvSqrtPi * Math.Exp(-x * x) * sum);
        }

        if (x > 27)
        {
            return 0;
        }

        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by the modified Lentz method.
        const double Tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (var k = 1; k < 500; k++)
        {
            var a = 0.5 * k;
            d = x + (a * d);
            d = Math.Abs(d) < Tiny ? 1 / Tiny : 1 / d;
            c = x + (a / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return InvSqrtPi * Math.Exp(-x * x) / f;
    }
}

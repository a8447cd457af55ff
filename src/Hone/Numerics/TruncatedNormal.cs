namespace Hone.Numerics;

/// <summary>
/// The standard normal distribution truncated to <c>[a, b]</c>: log density, distribution function, quantile and
/// sampling, accurate far into the tails (a = 8, b = 9 and beyond) because every step works with logarithms.
/// </summary>
/// <remarks>
/// Location and scale are the caller's: for a normal of mean μ and deviation σ truncated to [low, high], pass
/// a = (low − μ)/σ and b = (high − μ)/σ and map x back as μ + σx. The complementary error function comes from a
/// Chebyshev series of ln(erfc(z)·e^(z²)/t) in t = 2/(2 + z), fitted for Hone to about 1e-17, so that
/// ln Φ(x) needs no exponential and never underflows.
/// </remarks>
internal static class TruncatedNormal
{
    /// <summary>ln √(2π), the normalizing constant of the normal density.</summary>
    public const double LogSqrt2Pi = 0.91893853320467274178;

    private const double Ln2 = 0.69314718055994530942;
    private const double InvSqrt2 = 0.70710678118654752440;

    // Chebyshev coefficients of g(u) = ln(erfc(z)·exp(z²)/t), t = 2/(2 + z) = (u + 1)/2, z >= 0.
    private static readonly double[] ErfcSeries =
    [
        -0.6513268598908547,
        0.6419697923564902,
        0.019476473204185836,
        -0.009561514786808632,
        -0.0009465953444820369,
        0.00036683949785276145,
        4.252332480690777e-05,
        -2.0278578112534242e-05,
        -1.6242900046470256e-06,
        1.3036558355805232e-06,
        1.5626441722066142e-08,
        -8.523809591492654e-08,
        6.5290544390988515e-09,
        5.059343495551469e-09,
        -9.91364156493033e-10,
        -2.273651222931836e-10,
        9.646791102015527e-11,
        2.3940380830391146e-12,
        -6.886027526497553e-12,
        8.944879273090725e-13,
        3.130921399342958e-13,
        -1.1270822361367252e-13,
        3.810905255189232e-16,
        7.106097613609237e-15,
        -1.5230282014571043e-15,
        -9.457494571291233e-17,
        1.210237189224279e-16,
        -2.816663087747177e-17,
    ];

    /// <summary>ln erfc(z) for z &gt;= 0; finite for every finite z.</summary>
    public static double LogErfc(double z)
    {
        var t = 2 / (2 + z);
        return Math.Log(t) - (z * z) + ErfcxSeries(t);
    }

    /// <summary>ln erfcx(z) = ln(erfc(z)·e^(z²)) for z &gt;= 0, free of the cancellation in ln erfc(z) + z² for large z.</summary>
    public static double LogErfcx(double z)
    {
        var t = 2 / (2 + z);
        return Math.Log(t) + ErfcxSeries(t);
    }

    /// <summary>The Chebyshev series g of ln(erfc(z)·e^(z²)/t) at t = 2/(2 + z).</summary>
    private static double ErfcxSeries(double t)
    {
        var u = (2 * t) - 1;
        var twoU = 2 * u;
        double b1 = 0, b2 = 0;
        for (var k = ErfcSeries.Length - 1; k > 0; k--)
        {
            var b0 = Math.FusedMultiplyAdd(twoU, b1, ErfcSeries[k] - b2);
            b2 = b1;
            b1 = b0;
        }

        return Math.FusedMultiplyAdd(u, b1, ErfcSeries[0] - b2);
    }

    /// <summary>The standard normal distribution function Φ(x).</summary>
    public static double Ndtr(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var tail = 0.5 * Math.Exp(LogErfc(Math.Abs(x) * InvSqrt2));
        return x < 0 ? tail : 1 - tail;
    }

    /// <summary>ln Φ(x), accurate for very negative x (ln Φ(−40) ≈ −804.6) and for x near +∞ (≈ −Φ(−x)).</summary>
    public static double LogNdtr(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return double.IsNegativeInfinity(x) ? double.NegativeInfinity : LogErfc(-x * InvSqrt2) - Ln2;
        }

        return Log1P(-0.5 * Math.Exp(LogErfc(x * InvSqrt2)));
    }

    /// <summary>ln(Φ(b) − Φ(a)), the log of the standard normal mass in [a, b]; −∞ when a = b.</summary>
    public static double LogGaussMass(double a, double b)
    {
        if (b <= 0)
        {
            return LogDiff(LogNdtr(b), LogNdtr(a));
        }

        if (a > 0)
        {
            // The right tail is the mirror of the left one, where Φ has full relative precision.
            return LogDiff(LogNdtr(-a), LogNdtr(-b));
        }

        // Across the mean: one minus both tails, which keeps its precision when the mass is close to one.
        return Log1P(-Ndtr(a) - Ndtr(-b));
    }

    /// <summary>The log density at <paramref name="x"/> of the standard normal truncated to [a, b]; −∞ outside.</summary>
    public static double LogPdf(double x, double a, double b)
    {
        if (x < a || x > b)
        {
            return double.NegativeInfinity;
        }

        return (-0.5 * x * x) - LogSqrt2Pi - LogGaussMass(a, b);
    }

    /// <summary>The distribution function at <paramref name="x"/> of the standard normal truncated to [a, b].</summary>
    public static double Cdf(double x, double a, double b)
    {
        if (x <= a)
        {
            return 0;
        }

        if (x >= b)
        {
            return 1;
        }

        return Math.Clamp(Math.Exp(LogGaussMass(a, x) - LogGaussMass(a, b)), 0, 1);
    }

    /// <summary>The quantile of level <paramref name="q"/> in [0, 1] of the standard normal truncated to [a, b].</summary>
    public static double Ppf(double q, double a, double b)
    {
        if (q <= 0)
        {
            return a;
        }

        if (q >= 1)
        {
            return b;
        }

        double x;
        if (a < 0)
        {
            // Solve Φ(x) = Φ(a) + q·mass in log space.
            x = InverseLogNdtr(LogAdd(LogNdtr(a), Math.Log(q) + LogGaussMass(a, b)));
        }
        else
        {
            // Mirror image: solve Φ(−x) = Φ(−b) + (1 − q)·mass, which keeps precision in the right tail.
            x = -InverseLogNdtr(LogAdd(LogNdtr(-b), Log1P(-q) + LogGaussMass(a, b)));
        }

        return Math.Clamp(x, a, b);
    }

    /// <summary>Draws a value of the standard normal truncated to [a, b] by inverting its distribution function.</summary>
    public static double Sample(Random random, double a, double b) => Ppf(random.NextDouble(), a, b);

    /// <summary>The x with ln Φ(x) = <paramref name="logP"/>, for logP &lt;= 0.</summary>
    /// <remarks>Newton's method on the concave, increasing ln Φ, which converges without bracketing.</remarks>
    public static double InverseLogNdtr(double logP)
    {
        if (logP >= 0)
        {
            return double.PositiveInfinity;
        }

        if (double.IsNegativeInfinity(logP))
        {
            return double.NegativeInfinity;
        }

        // Start within 3e-3 of the root (Abramowitz and Stegun 26.2.22, on whichever tail is smaller), so that Newton
        // needs two or three steps; ln Φ is concave, so after the first step the iterates approach from the left.
        var tailIsLeft = logP < -Ln2;
        var t = Math.Sqrt(-2 * (tailIsLeft ? logP : Math.Log(-ExpM1(logP))));
        var upper = t - ((2.30753 + (0.27061 * t)) / (1 + (t * (0.99229 + (0.04481 * t)))));
        var x = tailIsLeft ? -upper : upper;
        for (var i = 0; i < 100; i++)
        {
            var logPhi = LogNdtr(x);
            var slope = Math.Exp((-0.5 * x * x) - LogSqrt2Pi - logPhi);
            var step = (logP - logPhi) / slope;
            x += step;
            if (!(Math.Abs(step) > 1e-15 * Math.Max(1, Math.Abs(x))))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>ln(1 + x), accurate for small x (the .NET runtime computes it as ln of the rounded sum).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        // The rounding of 1 + x cancels out of ln(u)/(u − 1) (Goldberg's correction).
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1, accurate for small x.</summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(e^p − e^q) for q &lt;= p.</summary>
    private static double LogDiff(double logP, double logQ)
    {
        if (double.IsNegativeInfinity(logQ))
        {
            return logP;
        }

        var d = logQ - logP;
        return logP + (d > -Ln2 ? Math.Log(-ExpM1(d)) : Log1P(-Math.Exp(d)));
    }

    /// <summary>ln(e^p + e^q).</summary>
    private static double LogAdd(double logP, double logQ)
    {
        var max = Math.Max(logP, logQ);
        return double.IsNegativeInfinity(max) ? max : max + Log1P(Math.Exp(Math.Min(logP, logQ) - max));
    }
}

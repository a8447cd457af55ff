namespace Hone.Numerics;

/// <summary>
/// The logarithm of the expected improvement of a normal prediction, accurate where the improvement is astronomically
/// unlikely (Ament et al. 2023, "Unexpected Improvements to Expected Improvement for Bayesian Optimization", eq. 9):
/// there the plain EI underflows to 0 and gives a flat acquisition that no optimizer can climb.
/// </summary>
/// <remarks>
/// For a prediction N(μ, σ²) and a target τ (improvement = τ − f, minimizing), EI = σ·h(z) with z = (τ − μ)/σ and
/// h(z) = φ(z) + z·Φ(z), so ln EI = ln h(z) + ln σ. Three regimes keep ln h finite and smooth: the direct formula for
/// z &gt; −1; down to −1000, ln φ(z) + ln(1 − |z|·Φ(z)/φ(z)), with the ratio Φ/φ written through erfcx so that nothing
/// underflows; below, the asymptotic series of h/φ, where the erfcx form would lose digits to cancellation.
/// </remarks>
internal static class LogExpectedImprovement
{
    private const double LogSqrtHalfPi = 0.22579135264472743236;
    private const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>Below −this, the asymptotic series of h(z)/φ(z) in 1/z² (Abramowitz and Stegun 7.1.23) is exact to
    /// working precision after four terms, while the erfcx form loses digits to cancellation (1 − |z|·Φ/φ ≈ 1/z²).</summary>
    private const double SeriesBound = 1000;

    /// <summary>ln h(z), h(z) = φ(z) + z·Φ(z): finite for every finite z, increasing.</summary>
    public static double LogH(double z)
    {
        if (z > -1)
        {
            return Math.Log(StandardNormal.Density(z) + (z * StandardNormal.Cdf(z)));
        }

        var logPhi = (-0.5 * z * z) - TruncatedNormal.LogSqrt2Pi;
        if (z > -SeriesBound)
        {
            // |z|·Φ(z)/φ(z) = |z|·√(π/2)·erfcx(−z/√2) < 1.
            var logRatio = TruncatedNormal.LogErfcx(-z * InvSqrt2) + Math.Log(-z) + LogSqrtHalfPi;
            return logPhi + Log1MinusExp(logRatio);
        }

        // h(z)/φ(z) = z⁻²·(1 − 3/z² + 15/z⁴ − 105/z⁶ + …).
        var w = 1 / (z * z);
        return logPhi + Math.Log(w) + TruncatedNormal.Log1P(w * (-3 + (w * (15 - (105 * w)))));
    }

    /// <summary>d ln h / dz = Φ(z)/h(z), positive and finite.</summary>
    /// <param name="z">The point.</param>
    /// <param name="logH">ln h(z), from <see cref="LogH"/>.</param>
    public static double LogHDerivative(double z, double logH)
    {
        if (z > -SeriesBound)
        {
            return Math.Exp(TruncatedNormal.LogNdtr(z) - logH);
        }

        // Φ(z)/φ(z) = |z|⁻¹·(1 − 1/z² + 3/z⁴ − 15/z⁶ + …) over the series of h/φ above.
        var w = 1 / (z * z);
        return -z * (1 - (w * (1 - (w * (3 - (15 * w)))))) / (1 - (w * (3 - (w * (15 - (105 * w))))));
    }

    /// <summary>ln EI of a prediction N(<paramref name="mean"/>, <paramref name="sd"/>²) below <paramref name="target"/>.</summary>
    public static double Value(double mean, double sd, double target) => LogH((target - mean) / sd) + Math.Log(sd);

    /// <summary>ln(1 − eˣ) for x &lt; 0, accurate at both ends (Mächler 2012).</summary>
    private static double Log1MinusExp(double x) =>
        x > -0.69314718055994530942 ? Math.Log(-TruncatedNormal.ExpM1(x)) : TruncatedNormal.Log1P(-Math.Exp(x));
}

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hone.Numerics;

namespace Hone.Samplers.Tpe;

/// <summary>
/// Truncated normal kernels of one numerical parameter: a mean and a bandwidth per component, truncated to the
/// parameter's range; for a discrete parameter, the mass of a grid point's cell.
/// </summary>
internal sealed class NumericalKernels : ParzenKernels
{
    /// <summary>The bandwidth floor without the magic clip.</summary>
    private const double MinimumSigma = 1e-12;

    /// <summary>Beyond 8.5 standard deviations the normal tail (&lt; 1e-17) no longer changes a mass close to one.</summary>
    private const double NegligibleTail = 8.5;

    private readonly double[] _mu;
    private readonly double[] _sigma;
    private readonly double[] _inverseSigma;
    private readonly double[] _logMass;

    private NumericalKernels(ParzenParameter parameter, double[] mu, double[] sigma, double[] logMass)
    {
        Parameter = parameter;
        _mu = mu;
        _sigma = sigma;
        _logMass = logMass;
        _inverseSigma = new double[sigma.Length];
        for (var j = 0; j < sigma.Length; j++)
        {
            _inverseSigma[j] = 1 / sigma[j];
        }
    }

    /// <inheritdoc/>
    public override ParzenParameter Parameter { get; }

    /// <summary>The kernel means, one per component.</summary>
    public ReadOnlySpan<double> Mu => _mu;

    /// <summary>The kernel bandwidths, one per component.</summary>
    public ReadOnlySpan<double> Sigma => _sigma;

    /// <summary>
    /// Kernels whose bandwidths follow the spacing of the sorted means (Bergstra et al. 2011): each kernel is as wide
    /// as the larger gap to its neighbours, the range's bounds acting as outer neighbours.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="mu">The means in kernel space; with a prior, its mean (the range's centre) is last.</param>
    /// <param name="ascending">The component indices ordered by mean, the prior included.</param>
    /// <param name="hasPrior">Whether the last component is the prior.</param>
    /// <param name="options">The sampler options (endpoints, magic clip).</param>
    /// <param name="cache">Known normalizers by row, reused while a kernel keeps its bandwidth; may be null.</param>
    /// <param name="rows">The history row of each component, or −1; read only with a cache.</param>
    public static NumericalKernels Univariate(
        ParzenParameter parameter,
        double[] mu,
        ReadOnlySpan<int> ascending,
        bool hasPrior,
        TpeSamplerOptions options,
        KernelMassCache? cache,
        ReadOnlySpan<int> rows)
    {
        var count = mu.Length;
        var sigma = new double[count];
        var low = parameter.Low;
        var high = parameter.High;
        for (var k = 0; k < count; k++)
        {
            var here = mu[ascending[k]];
            var left = k == 0 ? low : mu[ascending[k - 1]];
            var right = k == count - 1 ? high : mu[ascending[k + 1]];
            sigma[ascending[k]] = Math.Max(here - left, right - here);
        }

        if (!options.ConsiderEndpoints && count >= 2)
        {
            // The outermost kernels look inwards only, so that a point near a bound does not get a bandwidth from
            // the empty stretch up to that bound.
            sigma[ascending[0]] = mu[ascending[1]] - mu[ascending[0]];
            sigma[ascending[count - 1]] = mu[ascending[count - 1]] - mu[ascending[count - 2]];
        }

        Clip(sigma, parameter, options.ConsiderMagicClip, hasPrior);
        return new NumericalKernels(parameter, mu, sigma, LogMasses(parameter, mu, sigma, cache, rows));
    }

    /// <summary>
    /// Kernels of one bandwidth for every observation, Scott's rule scaled by 0.2 as in BOHB and Optuna's
    /// multivariate TPE: 0.2·n^(−1/(d+4))·range for n observations in d dimensions.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="mu">The means in kernel space; with a prior, its mean is last.</param>
    /// <param name="observations">The number of observations n.</param>
    /// <param name="dimensions">The number of parameters d modelled jointly.</param>
    /// <param name="hasPrior">Whether the last component is the prior.</param>
    /// <param name="options">The sampler options (magic clip).</param>
    public static NumericalKernels Multivariate(
        ParzenParameter parameter,
        double[] mu,
        int observations,
        int dimensions,
        bool hasPrior,
        TpeSamplerOptions options)
    {
        var scott = 0.2 * Math.Pow(Math.Max(observations, 1), -1.0 / (dimensions + 4));
        var sigma = new double[mu.Length];
        Array.Fill(sigma, scott * (parameter.High - parameter.Low));
        Clip(sigma, parameter, options.ConsiderMagicClip, hasPrior);
        return new NumericalKernels(parameter, mu, sigma, LogMasses(parameter, mu, sigma, null, default));
    }

    /// <summary>ln of the mass a kernel keeps inside the range, the normalizer of its truncated density.</summary>
    public static double LogMassInside(ParzenParameter parameter, double mu, double sigma)
    {
        var a = (parameter.Low - mu) / sigma;
        var b = (parameter.High - mu) / sigma;
        if (a < -NegligibleTail && b > NegligibleTail)
        {
            return 0;
        }

        return TruncatedNormal.LogGaussMass(a, b);
    }

    /// <inheritdoc/>
    public override double Sample(Random random, int component)
    {
        var mu = _mu[component];
        var sigma = _sigma[component];
        var z = TruncatedNormal.Sample(random, (Parameter.Low - mu) / sigma, (Parameter.High - mu) / sigma);
        return Math.Clamp(mu + (sigma * z), Parameter.Low, Parameter.High);
    }

    /// <inheritdoc/>
    public override void AddConstants(Span<double> constants)
    {
        var continuous = Parameter.Step == 0;
        for (var j = 0; j < _mu.Length; j++)
        {
            constants[j] -= continuous ? _logMass[j] + Math.Log(_sigma[j]) + TruncatedNormal.LogSqrt2Pi : _logMass[j];
        }
    }

    /// <inheritdoc/>
    public override void AddLogBandwidths(Span<double> logWeights)
    {
        if (Parameter.Step != 0)
        {
            return;
        }

        for (var j = 0; j < _sigma.Length; j++)
        {
            logWeights[j] += Math.Log(_sigma[j]);
        }
    }

    /// <inheritdoc/>
    public override void AddLogDensities(double x, Span<double> logDensities)
    {
        if (Parameter.Step == 0)
        {
            AddGaussianExponents(x, _mu, _inverseSigma, logDensities);
            return;
        }

        var half = 0.5 * Parameter.Step;
        var cellLow = Math.Max(x - half, Parameter.Low);
        var cellHigh = Math.Min(x + half, Parameter.High);
        for (var j = 0; j < _mu.Length; j++)
        {
            logDensities[j] += TruncatedNormal.LogGaussMass((cellLow - _mu[j]) * _inverseSigma[j], (cellHigh - _mu[j]) * _inverseSigma[j]);
        }
    }

    /// <summary>Adds −((x − μ)/σ)²/2 for every component; the hot loop of TPE, vectorized.</summary>
    private static void AddGaussianExponents(double x, ReadOnlySpan<double> mu, ReadOnlySpan<double> inverseSigma, Span<double> logDensities)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var xs = Vector256.Create(x);
            var minusHalf = Vector256.Create(-0.5);
            var muVectors = MemoryMarshal.Cast<double, Vector256<double>>(mu);
            var inverseVectors = MemoryMarshal.Cast<double, Vector256<double>>(inverseSigma);
            var targets = MemoryMarshal.Cast<double, Vector256<double>>(logDensities[..mu.Length]);
            for (var v = 0; v < muVectors.Length; v++)
            {
                var z = (xs - muVectors[v]) * inverseVectors[v];
                targets[v] = Vector256.FusedMultiplyAdd(minusHalf * z, z, targets[v]);
            }

            j = muVectors.Length * Vector256<double>.Count;
        }

        for (; j < mu.Length; j++)
        {
            var z = (x - mu[j]) * inverseSigma[j];
            logDensities[j] -= 0.5 * z * z;
        }
    }

    private static void Clip(double[] sigma, ParzenParameter parameter, bool magicClip, bool hasPrior)
    {
        var range = parameter.High - parameter.Low;
        var floor = magicClip ? range / Math.Min(100.0, 1.0 + sigma.Length) : MinimumSigma;
        for (var j = 0; j < sigma.Length; j++)
        {
            sigma[j] = Math.Min(Math.Max(sigma[j], floor), range);
        }

        if (hasPrior)
        {
            sigma[^1] = range;
        }
    }

    private static double[] LogMasses(ParzenParameter parameter, double[] mu, double[] sigma, KernelMassCache? cache, ReadOnlySpan<int> rows)
    {
        var logMass = new double[mu.Length];
        for (var j = 0; j < mu.Length; j++)
        {
            var row = cache is null ? -1 : rows[j];
            logMass[j] = row >= 0
                ? cache!.Get(row, mu[j], sigma[j], parameter)
                : LogMassInside(parameter, mu[j], sigma[j]);
        }

        return logMass;
    }
}

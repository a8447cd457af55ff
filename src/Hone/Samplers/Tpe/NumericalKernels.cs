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

    /// <summary>Components per block of the bounded mixture evaluation.</summary>
    private const int BlockSize = 32;

    /// <summary>Terms this far below the largest (e^−50 ≈ 2e-22 of it each) do not change a sum of doubles.</summary>
    private const double NegligibleLogRatio = 50;

    /// <summary>Beyond 8.5 standard deviations the normal tail (&lt; 1e-17) no longer changes a mass close to one.</summary>
    private const double NegligibleTail = 8.5;

    private readonly double[] _mu;
    private readonly double[] _sigma;
    private readonly double[] _inverseSigma;
    private readonly double[] _logMass;
    private double[]? _blockLow;
    private double[]? _blockHigh;
    private double[]? _blockSigma;
    private double[]? _blockConstant;

    private NumericalKernels(ParzenParameter parameter, double[] mu, double[] sigma, KernelMassCache? cache, ReadOnlySpan<int> rows)
    {
        Parameter = parameter;
        _mu = mu;
        _sigma = sigma;
        _logMass = new double[mu.Length];
        _inverseSigma = new double[sigma.Length];
        for (var j = 0; j < sigma.Length; j++)
        {
            _inverseSigma[j] = 1 / sigma[j];
            var row = cache is null ? -1 : rows[j];
            _logMass[j] = row >= 0 ? cache!.Get(row, mu[j], sigma[j], parameter) : LogMassInside(parameter, mu[j], sigma[j]);
        }
    }

    /// <inheritdoc/>
    public override ParzenParameter Parameter { get; }

    /// <summary>Whether the means are in ascending order (univariate kernels), which allows the bounded evaluation.</summary>
    public bool IsSorted { get; private init; }

    /// <summary>The kernel means, one per component.</summary>
    public ReadOnlySpan<double> Mu => _mu;

    /// <summary>The kernel bandwidths, one per component.</summary>
    public ReadOnlySpan<double> Sigma => _sigma;

    /// <summary>
    /// Kernels whose bandwidths follow the spacing of the sorted means (Bergstra et al. 2011): each kernel is as wide
    /// as the larger gap to its neighbours, the range's bounds acting as outer neighbours.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="mu">The means in kernel space, ascending, the prior's (the range's centre) among them.</param>
    /// <param name="prior">The index of the prior component, or −1.</param>
    /// <param name="options">The sampler options (endpoints, magic clip).</param>
    /// <param name="cache">Known normalizers by row, reused while a kernel keeps its bandwidth; may be null.</param>
    /// <param name="rows">The history row of each component, or −1; read only with a cache.</param>
    public static NumericalKernels Univariate(
        ParzenParameter parameter,
        double[] mu,
        int prior,
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
            var left = k == 0 ? low : mu[k - 1];
            var right = k == count - 1 ? high : mu[k + 1];
            sigma[k] = Math.Max(mu[k] - left, right - mu[k]);
        }

        if (!options.ConsiderEndpoints && count >= 2)
        {
            // The outermost kernels look inwards only, so that a point near a bound does not get a bandwidth from
            // the empty stretch up to that bound.
            sigma[0] = mu[1] - mu[0];
            sigma[count - 1] = mu[count - 1] - mu[count - 2];
        }

        Clip(sigma, parameter, options.ConsiderMagicClip, prior);
        return new NumericalKernels(parameter, mu, sigma, cache, rows) { IsSorted = true };
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
        Clip(sigma, parameter, options.ConsiderMagicClip, hasPrior ? mu.Length - 1 : -1);
        return new NumericalKernels(parameter, mu, sigma, null, default);
    }

    /// <summary>Kernels with bandwidths chosen by the caller (BOHB's per-dimension rule), in any order of means.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="mu">The means in kernel space.</param>
    /// <param name="sigma">The bandwidth of each kernel, each &gt; 0.</param>
    public static NumericalKernels WithBandwidths(ParzenParameter parameter, double[] mu, double[] sigma) =>
        new(parameter, mu, sigma, null, default);

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
    public override void AddConstants(Span<double> constants, bool weightByBandwidth)
    {
        // With bandwidth weights, the weight's σ and the density's 1/σ cancel.
        var continuous = Parameter.Step == 0;
        var withSigma = continuous && !weightByBandwidth;
        var shift = continuous ? TruncatedNormal.LogSqrt2Pi : 0;
        for (var j = 0; j < _mu.Length; j++)
        {
            constants[j] -= _logMass[j] + shift + (withSigma ? Math.Log(_sigma[j]) : 0);
        }
    }

    /// <inheritdoc/>
    public override double ScaleByBandwidth(Span<double> weights)
    {
        if (Parameter.Step != 0)
        {
            return 0;
        }

        var range = Parameter.High - Parameter.Low;
        for (var j = 0; j < _sigma.Length; j++)
        {
            weights[j] *= _sigma[j] / range;
        }

        return Math.Log(range);
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

    /// <inheritdoc/>
    public override void WriteLogDensities(double x, ReadOnlySpan<double> constants, Span<double> logDensities)
    {
        if (Parameter.Step != 0)
        {
            base.WriteLogDensities(x, constants, logDensities);
            return;
        }

        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var xs = Vector256.Create(x);
            var minusHalf = Vector256.Create(-0.5);
            var muVectors = MemoryMarshal.Cast<double, Vector256<double>>(_mu.AsSpan());
            var inverseVectors = MemoryMarshal.Cast<double, Vector256<double>>(_inverseSigma.AsSpan());
            var constantVectors = MemoryMarshal.Cast<double, Vector256<double>>(constants);
            var targets = MemoryMarshal.Cast<double, Vector256<double>>(logDensities[.._mu.Length]);
            for (var v = 0; v < muVectors.Length; v++)
            {
                var z = (xs - muVectors[v]) * inverseVectors[v];
                targets[v] = Vector256.FusedMultiplyAdd(minusHalf * z, z, constantVectors[v]);
            }

            j = muVectors.Length * Vector256<double>.Count;
        }

        for (; j < _mu.Length; j++)
        {
            var z = (x - _mu[j]) * _inverseSigma[j];
            logDensities[j] = constants[j] - (0.5 * z * z);
        }
    }

    /// <summary>
    /// ln Σ_j exp(constants_j − ((x − μ_j)/σ_j)²/2) for sorted, continuous kernels: the univariate mixture density.
    /// </summary>
    /// <remarks>
    /// Components are grouped in blocks of consecutive means; a block's terms are bounded by its largest constant
    /// minus the squared distance from x to its mean range over its widest bandwidth. Blocks whose bound lies more
    /// than 50 below the running maximum are skipped, the block nearest x first so the maximum rises early. The result
    /// differs from the full sum by less than 1e-18 relative, and far-away kernels, most of them once a study has
    /// thousands of trials, cost one comparison per block.
    /// </remarks>
    public double LogMixture(double x, double[] constants)
    {
        if (_blockLow is null)
        {
            BuildBlocks(constants);
        }

        var blocks = _blockLow!.Length;
        var nearest = Array.BinarySearch(_blockLow, x);
        nearest = nearest >= 0 ? nearest : Math.Max(0, ~nearest - 1);

        Span<double> terms = stackalloc double[BlockSize];
        var max = double.NegativeInfinity;
        var sum = 0.0;
        AccumulateBlock(nearest, x, constants, terms, ref max, ref sum);
        for (var b = 0; b < blocks; b++)
        {
            if (b == nearest)
            {
                continue;
            }

            var distance = x < _blockLow[b] ? _blockLow[b] - x : x > _blockHigh![b] ? x - _blockHigh[b] : 0;
            var z = distance / _blockSigma![b];
            if (_blockConstant![b] - (0.5 * z * z) < max - NegligibleLogRatio)
            {
                continue;
            }

            AccumulateBlock(b, x, constants, terms, ref max, ref sum);
        }

        return max + Math.Log(sum);
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

    private void BuildBlocks(double[] constants)
    {
        var blocks = (_mu.Length + BlockSize - 1) / BlockSize;
        _blockLow = new double[blocks];
        _blockHigh = new double[blocks];
        _blockSigma = new double[blocks];
        _blockConstant = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var start = b * BlockSize;
            var end = Math.Min(start + BlockSize, _mu.Length);
            _blockLow[b] = _mu[start];
            _blockHigh[b] = _mu[end - 1];
            var sigma = 0.0;
            var constant = double.NegativeInfinity;
            for (var j = start; j < end; j++)
            {
                sigma = Math.Max(sigma, _sigma[j]);
                constant = Math.Max(constant, constants[j]);
            }

            _blockSigma[b] = sigma;
            _blockConstant[b] = constant;
        }
    }

    /// <summary>Adds a block's terms to a running log-sum-exp (max, sum of exp(term − max)).</summary>
    private void AccumulateBlock(int block, double x, double[] constants, Span<double> terms, ref double max, ref double sum)
    {
        var start = block * BlockSize;
        var count = Math.Min(BlockSize, _mu.Length - start);
        var blockMax = double.NegativeInfinity;
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var xs = Vector256.Create(x);
            var minusHalf = Vector256.Create(-0.5);
            var maxes = Vector256.Create(double.NegativeInfinity);
            var mu = MemoryMarshal.Cast<double, Vector256<double>>(_mu.AsSpan(start, count));
            var inverse = MemoryMarshal.Cast<double, Vector256<double>>(_inverseSigma.AsSpan(start, count));
            var constant = MemoryMarshal.Cast<double, Vector256<double>>(constants.AsSpan(start, count));
            var target = MemoryMarshal.Cast<double, Vector256<double>>(terms[..count]);
            for (var v = 0; v < mu.Length; v++)
            {
                var z = (xs - mu[v]) * inverse[v];
                var term = Vector256.FusedMultiplyAdd(minusHalf * z, z, constant[v]);
                target[v] = term;
                maxes = Vector256.Max(maxes, term);
            }

            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                blockMax = Math.Max(blockMax, maxes[lane]);
            }

            j = mu.Length * Vector256<double>.Count;
        }

        for (; j < count; j++)
        {
            var z = (x - _mu[start + j]) * _inverseSigma[start + j];
            var term = constants[start + j] - (0.5 * z * z);
            terms[j] = term;
            blockMax = Math.Max(blockMax, term);
        }

        if (double.IsNegativeInfinity(blockMax))
        {
            return;
        }

        if (blockMax > max)
        {
            sum *= Math.Exp(max - blockMax);
            max = blockMax;
        }

        j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var shift = Vector256.Create(max);
            var cutoff = Vector256.Create(-NegligibleLogRatio);
            var sums = Vector256<double>.Zero;
            var vectors = MemoryMarshal.Cast<double, Vector256<double>>(terms[..count]);
            foreach (var v in vectors)
            {
                var d = v - shift;
                if (Vector256.GreaterThanAny(d, cutoff))
                {
                    sums += Vector256.Exp(d);
                }
            }

            sum += Vector256.Sum(sums);
            j = vectors.Length * Vector256<double>.Count;
        }

        for (; j < count; j++)
        {
            sum += Math.Exp(terms[j] - max);
        }
    }

    private static void Clip(double[] sigma, ParzenParameter parameter, bool magicClip, int prior)
    {
        var range = parameter.High - parameter.Low;
        var floor = magicClip ? range / Math.Min(100.0, 1.0 + sigma.Length) : MinimumSigma;
        for (var j = 0; j < sigma.Length; j++)
        {
            sigma[j] = Math.Min(Math.Max(sigma[j], floor), range);
        }

        if (prior >= 0)
        {
            sigma[prior] = range;
        }
    }
}

using Hone.Numerics;

namespace Hone.Samplers.Gp;

/// <summary>
/// The log marginal likelihood of a <see cref="GaussianProcess"/>'s hyperparameters plus their log prior, with its
/// analytic gradient, and the quasi-Newton fit that maximizes it (a maximum a posteriori estimate).
/// </summary>
/// <remarks>
/// <para>ln p(y | θ) = −½·yᵀα − ½·ln|K| − n/2·ln 2π with α = K⁻¹y, and ∂/∂θ_j = ½·tr((ααᵀ − K⁻¹)·∂K/∂θ_j)
/// (Rasmussen and Williams 2006, eq. 5.8–5.9). For the Matérn-5/2 kernel ∂k/∂ln ℓ_i = 5/3·s²·(1 + √5·r)·e^(−√5·r)·δ_i²/ℓ_i²,
/// so the squared differences of every pair of inputs, kept per input, give every gradient component with one dot
/// product. One evaluation costs a factorization and an inverse, about n³/2 multiply-adds.</para>
/// <para>Priors, on standardized outputs and inputs in [0, 1] (after BoTorch's long-standing defaults): lengthscales
/// Gamma(3, 6) (mode 1/3, so a few dozen points do not make the model overly smooth or rough), signal variance
/// Gamma(2, 0.15), noise variance Gamma(1.1, 30) (mostly small: most objectives are deterministic or nearly so,
/// while a noisy one can still raise it). Bounds keep the search where the kernel matrix stays well conditioned.</para>
/// </remarks>
internal sealed class GpMarginalLikelihood
{
    /// <summary>The smallest noise variance, relative to the standardized output: a floor that keeps K invertible.</summary>
    internal const double MinNoise = 1e-6;

    private const double LogTwoPi = 1.8378770664093454836;
    private const double LengthShape = 3;
    private const double LengthRate = 6;
    private const double SignalShape = 2;
    private const double SignalRate = 0.15;
    private const double NoiseShape = 1.1;
    private const double NoiseRate = 30;

    private readonly GpInputKind[] _kinds;
    private readonly int _d;
    private readonly BoundedLbfgs _optimizer = new();
    private readonly double[] _lowerBounds;
    private readonly double[] _upperBounds;
    private readonly double[] _weights;
    private readonly GradientFunction _function;
    private int _n;
    private double[] _y = [];
    private double[] _differences = [];
    private double[] _r2 = [];
    private double[] _kernel = [];
    private double[] _slope = [];
    private double[] _matrix = [];
    private double[] _lower = [];
    private double[] _inverse = [];
    private double[] _scratch = [];
    private double[] _alpha = [];

    /// <summary>Creates the likelihood over inputs of the given kinds.</summary>
    public GpMarginalLikelihood(GpInputKind[] kinds)
    {
        _kinds = kinds;
        _d = kinds.Length;
        _weights = new double[_d];
        _lowerBounds = new double[_d + 2];
        _upperBounds = new double[_d + 2];
        for (var i = 0; i < _d; i++)
        {
            _lowerBounds[i] = Math.Log(1e-2);
            _upperBounds[i] = Math.Log(1e2);
        }

        _lowerBounds[_d] = Math.Log(1e-2);
        _upperBounds[_d] = Math.Log(1e2);
        _lowerBounds[_d + 1] = Math.Log(MinNoise);
        _upperBounds[_d + 1] = 0;
        _function = Evaluate;
    }

    /// <summary>The number of hyperparameters, <c>d + 2</c>.</summary>
    public int Count => _d + 2;

    /// <summary>The starting point when nothing better is known: lengthscales 0.5, unit signal, small noise.</summary>
    public double[] DefaultStart()
    {
        var theta = new double[Count];
        theta.AsSpan(0, _d).Fill(Math.Log(0.5));
        theta[_d + 1] = Math.Log(1e-3);
        return theta;
    }

    /// <summary>Sets the observations: inputs (row-major, n × d) and standardized values.</summary>
    public void SetData(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n)
    {
        _n = n;
        var pairs = n * (n - 1) / 2;
        Grow(ref _y, n);
        Grow(ref _differences, pairs * _d);
        Grow(ref _r2, pairs);
        Grow(ref _kernel, pairs);
        Grow(ref _slope, pairs);
        Grow(ref _matrix, n * n);
        Grow(ref _lower, n * n);
        Grow(ref _inverse, n * n);
        Grow(ref _scratch, n * n);
        Grow(ref _alpha, n);
        y[..n].CopyTo(_y);
        for (var i = 0; i < _d; i++)
        {
            var column = _differences.AsSpan(i * pairs, pairs);
            var categorical = _kinds[i] == GpInputKind.Categorical;
            var p = 0;
            for (var a = 1; a < n; a++)
            {
                var xa = x[(a * _d) + i];
                for (var b = 0; b < a; b++)
                {
                    var delta = xa - x[(b * _d) + i];
                    column[p++] = categorical ? (delta == 0 ? 0 : 1) : delta * delta;
                }
            }
        }
    }

    /// <summary>Maximizes the posterior from each start and returns the best hyperparameters found.</summary>
    /// <param name="starts">Starting points (each <see cref="Count"/> long; not changed).</param>
    /// <param name="maxIterations">The most quasi-Newton iterations per start.</param>
    /// <param name="fixedNoise">Whether to hold the noise at its floor (a deterministic objective).</param>
    /// <returns>The best θ, or <see langword="null"/> when no start gave a finite likelihood.</returns>
    public double[]? Fit(IEnumerable<double[]> starts, int maxIterations, bool fixedNoise)
    {
        _upperBounds[_d + 1] = fixedNoise ? Math.Log(MinNoise) : 0;
        double[]? best = null;
        var bestValue = double.PositiveInfinity;
        foreach (var start in starts)
        {
            var theta = (double[])start.Clone();
            var value = _optimizer.Minimize(_function, theta, _lowerBounds, _upperBounds, maxIterations, 1e-4, 1e-7);
            if (value < bestValue)
            {
                bestValue = value;
                best = theta;
            }
        }

        return best;
    }

    /// <summary>The negative log posterior −ln p(y | θ) − ln p(θ) (up to a constant) and its gradient.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var n = _n;
        var d = _d;
        var pairs = n * (n - 1) / 2;
        for (var i = 0; i < d; i++)
        {
            _weights[i] = Math.Exp(-2 * theta[i]);
        }

        var signal = Math.Exp(theta[d]);
        var noise = Math.Exp(theta[d + 1]);
        var r2 = _r2.AsSpan(0, pairs);
        r2.Clear();
        for (var i = 0; i < d; i++)
        {
            VectorMath.AddScaled(_weights[i], _differences.AsSpan(i * pairs, pairs), r2);
        }

        var p = 0;
        for (var a = 0; a < n; a++)
        {
            var row = _matrix.AsSpan(a * n, n);
            for (var b = 0; b < a; b++, p++)
            {
                var r = Math.Sqrt(r2[p]);
                var e = signal * Math.Exp(-GaussianProcess.Sqrt5 * r);
                var k = (1 + (GaussianProcess.Sqrt5 * r) + (5.0 / 3 * r2[p])) * e;
                _kernel[p] = k;
                _slope[p] = 5.0 / 3 * (1 + (GaussianProcess.Sqrt5 * r)) * e;
                row[b] = k;
            }

            row[a] = signal + noise;
        }

        if (!Cholesky.FactorWithJitter(_matrix.AsSpan(0, n * n), _lower, n, out _))
        {
            return double.PositiveInfinity;
        }

        var alpha = _alpha.AsSpan(0, n);
        _y.AsSpan(0, n).CopyTo(alpha);
        Cholesky.Solve(_lower, n, alpha);
        var logLikelihood = (-0.5 * VectorMath.Dot(_y.AsSpan(0, n), alpha)) - (0.5 * Cholesky.LogDeterminant(_lower, n)) - (0.5 * n * LogTwoPi);

        Cholesky.Inverse(_lower, n, _inverse, _scratch);

        // W = ααᵀ − K⁻¹; each pair counts twice in the trace, which cancels the ½.
        p = 0;
        var kernelTerm = 0.0;
        var diagonal = 0.0;
        for (var a = 0; a < n; a++)
        {
            var inverseRow = _inverse.AsSpan(a * n, n);
            var alphaA = alpha[a];
            for (var b = 0; b < a; b++, p++)
            {
                var w = (alphaA * alpha[b]) - inverseRow[b];
                kernelTerm += w * _kernel[p];
                _slope[p] *= w;
            }

            diagonal += (alphaA * alphaA) - inverseRow[a];
        }

        var logPrior = 0.0;
        for (var i = 0; i < d; i++)
        {
            var length = Math.Exp(theta[i]);
            var lp = ((LengthShape - 1) * theta[i]) - (LengthRate * length);
            var dlp = (LengthShape - 1) - (LengthRate * length);
            logPrior += lp;
            var dLikelihood = _weights[i] * VectorMath.Dot(_slope.AsSpan(0, pairs), _differences.AsSpan(i * pairs, pairs));
            gradient[i] = -dLikelihood - dlp;
        }

        logPrior += ((SignalShape - 1) * theta[d]) - (SignalRate * signal);
        gradient[d] = -(kernelTerm + (0.5 * signal * diagonal)) - ((SignalShape - 1) - (SignalRate * signal));
        logPrior += ((NoiseShape - 1) * theta[d + 1]) - (NoiseRate * noise);
        gradient[d + 1] = -(0.5 * noise * diagonal) - ((NoiseShape - 1) - (NoiseRate * noise));
        var value = -(logLikelihood + logPrior);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }

    private static void Grow(ref double[] array, int length)
    {
        if (array.Length < length)
        {
            array = new double[Math.Max(length, array.Length * 2)];
        }
    }
}

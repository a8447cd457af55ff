using Hone.Numerics;

namespace Hone.Samplers.Gp;

/// <summary>
/// A Gaussian process with a Matérn-5/2 kernel with automatic relevance determination and Gaussian noise, conditioned
/// on data at fixed hyperparameters: posterior mean and variance of the latent function, with their gradients.
/// </summary>
/// <remarks>
/// k(x, x') = s²·(1 + √5·r + 5/3·r²)·exp(−√5·r), r² = Σ_i δ_i²/ℓ_i², where δ_i is the difference of numeric inputs
/// and, for categorical ones, 0 for the same category and 1 otherwise (a Hamming distance: categories have no order).
/// Rasmussen and Williams 2006, eq. 4.17 and 2.25–2.26. Hyperparameters θ = (ln ℓ_1 … ln ℓ_d, ln s², ln σ²), as
/// <see cref="GpMarginalLikelihood"/> fits them. Not thread-safe.
/// </remarks>
internal sealed class GaussianProcess
{
    /// <summary>√5, the scale of r in the Matérn-5/2 kernel.</summary>
    internal const double Sqrt5 = 2.2360679774997896964;

    private readonly GpInputKind[] _kinds;
    private readonly double[] _inverseSquaredLengths;
    private double[] _x = [];
    private double[] _kernel = [];
    private double[] _lower = [];
    private double[] _alpha = [];
    private double[] _k = [];
    private double[] _v = [];
    private double[] _g = [];

    /// <summary>Creates a process over inputs of the given kinds.</summary>
    public GaussianProcess(GpInputKind[] kinds)
    {
        _kinds = kinds;
        Dimension = kinds.Length;
        _inverseSquaredLengths = new double[Dimension];
    }

    /// <summary>The number of inputs.</summary>
    public int Dimension { get; }

    /// <summary>The number of observations conditioned on.</summary>
    public int Count { get; private set; }

    /// <summary>The signal variance s².</summary>
    public double SignalVariance { get; private set; } = 1;

    /// <summary>The noise variance σ² plus any jitter the factorization needed.</summary>
    public double NoiseVariance { get; private set; }

    /// <summary>Conditions on <paramref name="count"/> observations at hyperparameters θ.</summary>
    /// <param name="x">Inputs, row-major (count × <see cref="Dimension"/>).</param>
    /// <param name="y">Observed (standardized) values.</param>
    /// <param name="count">How many observations.</param>
    /// <param name="theta">(ln ℓ_1 … ln ℓ_d, ln s², ln σ²).</param>
    /// <returns><see langword="false"/> when the kernel matrix could not be factored even with jitter.</returns>
    public bool Condition(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int count, ReadOnlySpan<double> theta)
    {
        var d = Dimension;
        for (var i = 0; i < d; i++)
        {
            _inverseSquaredLengths[i] = Math.Exp(-2 * theta[i]);
        }

        SignalVariance = Math.Exp(theta[d]);
        var noise = Math.Exp(theta[d + 1]);
        Count = count;
        Grow(ref _x, count * d);
        Grow(ref _kernel, count * count);
        Grow(ref _lower, count * count);
        Grow(ref _alpha, count);
        Grow(ref _k, count);
        Grow(ref _v, count);
        Grow(ref _g, count);
        x[..(count * d)].CopyTo(_x);
        for (var a = 0; a < count; a++)
        {
            var rowA = _x.AsSpan(a * d, d);
            for (var b = 0; b < a; b++)
            {
                _kernel[(a * count) + b] = Kernel(SquaredDistance(rowA, _x.AsSpan(b * d, d)));
            }

            _kernel[(a * count) + a] = SignalVariance + noise;
        }

        if (!Cholesky.FactorWithJitter(_kernel.AsSpan(0, count * count), _lower, count, out var jitter))
        {
            return false;
        }

        NoiseVariance = noise + jitter;
        var alpha = _alpha.AsSpan(0, count);
        y[..count].CopyTo(alpha);
        Cholesky.Solve(_lower, count, alpha);
        return true;
    }

    /// <summary>The posterior mean and variance of the latent function at <paramref name="x"/> (n²/2 operations).</summary>
    public double Predict(ReadOnlySpan<double> x, out double variance)
    {
        var n = Count;
        var k = _k.AsSpan(0, n);
        for (var a = 0; a < n; a++)
        {
            k[a] = Kernel(SquaredDistance(x, _x.AsSpan(a * Dimension, Dimension)));
        }

        var mean = VectorMath.Dot(k, _alpha.AsSpan(0, n));
        Cholesky.SolveLower(_lower, n, k);
        variance = Math.Max(SignalVariance - VectorMath.Dot(k, k), 0);
        return mean;
    }

    /// <summary>The posterior mean and variance at <paramref name="x"/> and their gradients with respect to the
    /// numeric inputs (0 for categorical ones); n² operations.</summary>
    public double Predict(ReadOnlySpan<double> x, out double variance, Span<double> meanGradient, Span<double> varianceGradient)
    {
        var n = Count;
        var d = Dimension;
        var k = _k.AsSpan(0, n);
        var g = _g.AsSpan(0, n);
        for (var a = 0; a < n; a++)
        {
            var r = Math.Sqrt(SquaredDistance(x, _x.AsSpan(a * d, d)));
            var e = Math.Exp(-Sqrt5 * r);
            k[a] = SignalVariance * (1 + (Sqrt5 * r) + (5.0 / 3 * r * r)) * e;

            // dk/dr · 1/r, finite at r = 0: the kernel is twice differentiable there.
            g[a] = 5.0 / 3 * SignalVariance * (1 + (Sqrt5 * r)) * e;
        }

        var mean = VectorMath.Dot(k, _alpha.AsSpan(0, n));
        var u = _v.AsSpan(0, n);
        k.CopyTo(u);
        Cholesky.Solve(_lower, n, u);
        variance = SignalVariance - VectorMath.Dot(k, u);
        var clamped = variance <= 0;
        variance = Math.Max(variance, 0);

        // ∂k_a/∂x_i = −g_a·(x_i − x_ai)/ℓ_i², so ∂μ/∂x_i = Σ α_a ∂k_a/∂x_i and ∂v/∂x_i = −2 Σ (K⁻¹k)_a ∂k_a/∂x_i.
        for (var i = 0; i < d; i++)
        {
            if (_kinds[i] == GpInputKind.Categorical)
            {
                meanGradient[i] = 0;
                varianceGradient[i] = 0;
                continue;
            }

            double sumMean = 0, sumVariance = 0;
            var xi = x[i];
            for (var a = 0; a < n; a++)
            {
                var delta = (xi - _x[(a * d) + i]) * g[a];
                sumMean += _alpha[a] * delta;
                sumVariance += u[a] * delta;
            }

            meanGradient[i] = -_inverseSquaredLengths[i] * sumMean;
            varianceGradient[i] = clamped ? 0 : 2 * _inverseSquaredLengths[i] * sumVariance;
        }

        return mean;
    }

    /// <summary>The Matérn-5/2 kernel at squared scaled distance r².</summary>
    internal double Kernel(double squaredDistance)
    {
        var r = Math.Sqrt(squaredDistance);
        return SignalVariance * (1 + (Sqrt5 * r) + (5.0 / 3 * squaredDistance)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>Σ_i δ_i²/ℓ_i² between two inputs.</summary>
    internal double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> z)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var delta = _kinds[i] == GpInputKind.Categorical ? (x[i] == z[i] ? 0 : 1) : x[i] - z[i];
            sum += delta * delta * _inverseSquaredLengths[i];
        }

        return sum;
    }

    private static void Grow(ref double[] array, int length)
    {
        if (array.Length < length)
        {
            array = new double[Math.Max(length, array.Length * 2)];
        }
    }
}

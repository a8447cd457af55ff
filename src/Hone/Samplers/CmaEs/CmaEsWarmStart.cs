using Hone.Distributions;
using Hone.Numerics;
using Hone.Trials;

namespace Hone.Samplers.CmaEs;

/// <summary>
/// WS-CMA-ES (Nomura, Watanabe, Akimoto, Ozaki and Onishi, AAAI 2021): the initial distribution of a new task from the
/// best solutions of a similar, earlier one.
/// </summary>
/// <remarks>
/// The best ⌊γ·N⌋ source solutions (at least one) give a Gaussian with their mean and covariance Σ = α²I + Cov; its
/// determinant splits it into σ = det(Σ)^(1/2n) and C = Σ / det(Σ)^(1/n). γ = α = 0.1, the paper's defaults, which
/// fit the unit cube Hone works in.
/// </remarks>
internal static class CmaEsWarmStart
{
    private const double Gamma = 0.1;
    private const double Alpha = 0.1;

    /// <summary>Estimates the initial mean, σ and C; null when no source trial fits the space.</summary>
    /// <param name="space">The unit-cube mapping of the search space.</param>
    /// <param name="distributions">The search space, which a source trial's distributions must match.</param>
    /// <param name="trials">The source trials; those not complete or without every parameter of the space are skipped.</param>
    /// <param name="sign">+1 to minimize the source values, −1 to maximize them.</param>
    /// <param name="separable">Whether to return the diagonal of C only.</param>
    public static (double[] Mean, double Sigma, double[] Covariance)? Estimate(
        CmaEsSpace space,
        IReadOnlyDictionary<string, Distribution> distributions,
        IEnumerable<FrozenTrial> trials,
        double sign,
        bool separable)
    {
        var n = space.Dimension;
        var solutions = new List<(double[] X, double Value)>();
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete || trial.Values is not [var value] || !double.IsFinite(value))
            {
                continue;
            }

            var x = new double[n];
            var fits = true;
            for (var i = 0; i < n && fits; i++)
            {
                fits = trial.Params.TryGet(space.Names[i], out var distribution, out var internalValue)
                    && distribution.Equals(distributions[space.Names[i]]);
                if (fits)
                {
                    x[i] = space.ToUnit(i, internalValue);
                }
            }

            if (fits)
            {
                solutions.Add((x, sign * value));
            }
        }

        if (solutions.Count == 0)
        {
            return null;
        }

        var count = Math.Max(1, (int)Math.Floor(Gamma * solutions.Count));
        var best = solutions.OrderBy(s => s.Value).Take(count).Select(s => s.X).ToList();
        var mean = new double[n];
        foreach (var x in best)
        {
            for (var i = 0; i < n; i++)
            {
                mean[i] += x[i] / count;
            }
        }

        var sigmaMatrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var sum = 0.0;
                foreach (var x in best)
                {
                    sum += (x[i] - mean[i]) * (x[j] - mean[j]);
                }

                var value = (sum / count) + (i == j ? Alpha * Alpha : 0);
                sigmaMatrix[(i * n) + j] = value;
                sigmaMatrix[(j * n) + i] = value;
            }
        }

        if (separable)
        {
            var diagonal = new double[n];
            var logDeterminant = 0.0;
            for (var i = 0; i < n; i++)
            {
                diagonal[i] = sigmaMatrix[(i * n) + i];
                logDeterminant += Math.Log(diagonal[i]);
            }

            var norm = Math.Exp(logDeterminant / n);
            for (var i = 0; i < n; i++)
            {
                diagonal[i] /= norm;
            }

            return (mean, Math.Exp(logDeterminant / (2 * n)), diagonal);
        }

        // Logarithms keep det(Σ) from underflowing in high dimensions.
        var eigenvalues = new double[n];
        SymmetricEigen.Decompose(sigmaMatrix, n, eigenvalues, new double[n * n]);
        var logDet = 0.0;
        foreach (var e in eigenvalues)
        {
            logDet += Math.Log(Math.Max(e, Alpha * Alpha * 1e-3));
        }

        var scale = Math.Exp(logDet / n);
        for (var i = 0; i < sigmaMatrix.Length; i++)
        {
            sigmaMatrix[i] /= scale;
        }

        return (mean, Math.Exp(logDet / (2 * n)), sigmaMatrix);
    }
}

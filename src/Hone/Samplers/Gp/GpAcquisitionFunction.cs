using Hone.Numerics;

namespace Hone.Samplers.Gp;

/// <summary>
/// The acquisition function over the GP inputs: log expected improvement or the upper confidence bound of the
/// objective's model, plus ln P(feasible) of each constraint's model (Gardner et al. 2014: EI times the probability of
/// feasibility); only ln P(feasible) while no observed point is feasible.
/// </summary>
/// <remarks>Outputs are standardized losses (lower is better); a constraint is satisfied where its value is at most
/// its threshold. Not thread-safe: predictions share buffers.</remarks>
internal sealed class GpAcquisitionFunction
{
    /// <summary>The smallest variance used: below it, the prediction is taken as certain.</summary>
    private const double MinVariance = 1e-12;

    private readonly GaussianProcess _objective;
    private readonly IReadOnlyList<(GaussianProcess Model, double Threshold)> _constraints;
    private readonly GpAcquisition _kind;
    private readonly double _sqrtBeta;
    private readonly double? _target;
    private readonly double[] _meanGradient;
    private readonly double[] _varianceGradient;

    /// <summary>Creates the acquisition function.</summary>
    /// <param name="objective">The model of the standardized loss.</param>
    /// <param name="constraints">The model and threshold (standardized zero) of each constraint.</param>
    /// <param name="kind">The acquisition.</param>
    /// <param name="beta">UCB's β.</param>
    /// <param name="target">The best feasible standardized loss observed, or <see langword="null"/> when none is feasible.</param>
    public GpAcquisitionFunction(
        GaussianProcess objective,
        IReadOnlyList<(GaussianProcess Model, double Threshold)> constraints,
        GpAcquisition kind,
        double beta,
        double? target)
    {
        _objective = objective;
        _constraints = constraints;
        _kind = kind;
        _sqrtBeta = Math.Sqrt(beta);
        _target = target;
        _meanGradient = new double[objective.Dimension];
        _varianceGradient = new double[objective.Dimension];
    }

    /// <summary>The acquisition at <paramref name="x"/> (larger is better).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        var value = 0.0;
        if (_target is { } target || _kind == GpAcquisition.UpperConfidenceBound)
        {
            var mean = _objective.Predict(x, out var variance);
            var sd = Math.Sqrt(Math.Max(variance, MinVariance));
            value = _kind == GpAcquisition.UpperConfidenceBound
                ? -mean + (_sqrtBeta * sd)
                : LogExpectedImprovement.Value(mean, sd, _target!.Value);
        }

        foreach (var (model, threshold) in _constraints)
        {
            var mean = model.Predict(x, out var variance);
            value += TruncatedNormal.LogNdtr((threshold - mean) / Math.Sqrt(Math.Max(variance, MinVariance)));
        }

        return value;
    }

    /// <summary>The acquisition at <paramref name="x"/> and its gradient (0 for categorical inputs).</summary>
    public double Value(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        var value = 0.0;
        if (_target is not null || _kind == GpAcquisition.UpperConfidenceBound)
        {
            var mean = _objective.Predict(x, out var variance, _meanGradient, _varianceGradient);
            var floored = variance < MinVariance;
            var sd = Math.Sqrt(Math.Max(variance, MinVariance));
            double dMean, dSd;
            if (_kind == GpAcquisition.UpperConfidenceBound)
            {
                value = -mean + (_sqrtBeta * sd);
                dMean = -1;
                dSd = _sqrtBeta;
            }
            else
            {
                var z = (_target!.Value - mean) / sd;
                var logH = LogExpectedImprovement.LogH(z);
                var slope = LogExpectedImprovement.LogHDerivative(z, logH);
                value = logH + Math.Log(sd);
                dMean = -slope / sd;
                dSd = (1 - (slope * z)) / sd;
            }

            AddChainRule(gradient, dMean, floored ? 0 : dSd / (2 * sd));
        }

        foreach (var (model, threshold) in _constraints)
        {
            var mean = model.Predict(x, out var variance, _meanGradient, _varianceGradient);
            var floored = variance < MinVariance;
            var sd = Math.Sqrt(Math.Max(variance, MinVariance));
            var u = (threshold - mean) / sd;
            var logCdf = TruncatedNormal.LogNdtr(u);
            value += logCdf;

            // d ln Φ(u)/du = φ(u)/Φ(u), through logarithms so that it stays finite far in the tail.
            var ratio = Math.Exp((-0.5 * u * u) - TruncatedNormal.LogSqrt2Pi - logCdf);
            AddChainRule(gradient, -ratio / sd, floored ? 0 : -ratio * u / sd / (2 * sd));
        }

        return value;
    }

    /// <summary>gradient += dMean·∇μ + dVariance·∇v, from the last prediction's gradients.</summary>
    private void AddChainRule(Span<double> gradient, double dMean, double dVariance)
    {
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] += (dMean * _meanGradient[i]) + (dVariance * _varianceGradient[i]);
        }
    }
}

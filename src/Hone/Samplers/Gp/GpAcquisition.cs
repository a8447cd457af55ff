namespace Hone.Samplers.Gp;

/// <summary>The acquisition function a <see cref="GpSampler"/> maximizes to choose the next point.</summary>
public enum GpAcquisition
{
    /// <summary>The logarithm of the expected improvement over the best value so far (Ament et al. 2023): balances
    /// exploitation and exploration without a tuning knob, and stays informative far from the best point.</summary>
    LogExpectedImprovement,

    /// <summary>The upper confidence bound −μ(x) + √β·σ(x) of the (negated, for minimization) objective
    /// (Srinivas et al. 2010), with β = <see cref="GpSamplerOptions.UcbBeta"/>: larger β explores more.</summary>
    UpperConfidenceBound,
}

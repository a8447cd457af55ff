namespace Hone.Samplers;

/// <summary>The low-discrepancy sequence a <see cref="QmcSampler"/> draws from.</summary>
public enum QmcKind
{
    /// <summary>The Sobol sequence (Joe and Kuo direction numbers), up to 1,024 jointly sampled parameters; the best
    /// spread when the number of trials is a power of two.</summary>
    Sobol,

    /// <summary>The Halton sequence (one prime base per parameter); any number of parameters, though its spread
    /// degrades past a few dozen.</summary>
    Halton,
}

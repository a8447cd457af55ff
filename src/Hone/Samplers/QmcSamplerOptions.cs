namespace Hone.Samplers;

/// <summary>Options of a <see cref="QmcSampler"/>; checked when the sampler is built.</summary>
public sealed class QmcSamplerOptions
{
    /// <summary>The sequence to draw from.</summary>
    /// <value>Default <see cref="QmcKind.Sobol"/>.</value>
    public QmcKind Kind { get; set; } = QmcKind.Sobol;

    /// <summary>Whether to scramble the sequence with the seed, which spreads its points without bias and avoids
    /// starting at the corner of the space; unscrambled, the first point is every parameter's lower bound.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Scramble { get; set; } = true;

    /// <summary>The seed of the scrambling and of the default independent sampler. Processes that share a study
    /// should use the same seed, so that they draw disjoint points of one sequence; a resumed study continues the
    /// sequence of its seed.</summary>
    /// <value>Default <see langword="null"/>: a random seed.</value>
    public int? Seed { get; set; }

    /// <summary>Samples parameters outside the joint space: those of the first trial, and those that not every
    /// complete trial has (conditional ones).</summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with <see cref="Seed"/>.</value>
    public ISampler? IndependentSampler { get; set; }
}

namespace Hone.Samplers;

/// <summary>Options of <see cref="AutoSampler"/>.</summary>
public sealed class AutoSamplerOptions
{
    /// <summary>How many complete trials the Gaussian-process phase lasts at most; past it, CMA-ES takes over in a
    /// space of float and int parameters, TPE in any other.</summary>
    /// <value>Default: 250, where a GP trial costs tens of milliseconds and the others have enough trials to start
    /// from.</value>
    public int GpTrials { get; set; } = 250;

    /// <summary>The seed of every sampler the automatic choice may use; the same seed run sequentially gives the same
    /// trials.</summary>
    /// <value>Default: <see langword="null"/>, a random seed.</value>
    public int? Seed { get; set; }
}

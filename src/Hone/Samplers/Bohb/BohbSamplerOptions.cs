namespace Hone.Samplers.Bohb;

/// <summary>Options of a <see cref="BohbSampler"/>; read and checked when the sampler is built.</summary>
/// <remarks>The defaults are those of the paper (Falkner et al. 2018, section 4.2), but for <see cref="MinBandwidth"/>.</remarks>
public sealed class BohbSamplerOptions
{
    /// <summary>The share of trials sampled uniformly at random, whatever the model says (ρ): it keeps the search
    /// exploring and bounds how much a misleading model can cost.</summary>
    /// <value>Default 1/3. Must be in [0, 1].</value>
    public double RandomFraction { get; set; } = 1.0 / 3;

    /// <summary>The fewest observations in each of the good and bad groups (N_min); a budget takes part in the model
    /// once it has <c>MinPointsInModel + 2</c> observations.</summary>
    /// <value>Default <see langword="null"/>: d + 1 for d parameters in the joint space. Must be &gt;= 1 when set.</value>
    public int? MinPointsInModel { get; set; }

    /// <summary>The share of the observations at the model's budget that form the good group l(x) (γ, q in the
    /// paper): the best <c>max(MinPointsInModel, ⌊γ·n⌋)</c>; the bad group g(x) holds the worst
    /// <c>max(MinPointsInModel, n − good)</c>.</summary>
    /// <value>Default 0.15. Must be in (0, 1).</value>
    public double TopFraction { get; set; } = 0.15;

    /// <summary>How much wider than l(x)'s kernels are those candidates are drawn from (b_w): candidates spread
    /// around the good points, and the ratio l(x)/g(x), with the kernels as fitted, picks among them.</summary>
    /// <value>Default 3. Must be finite and &gt;= 1.</value>
    public double BandwidthFactor { get; set; } = 3;

    /// <summary>The narrowest kernel of a numerical parameter: <c>MinBandwidth·n^(−1/(d+4))</c> of its range for n
    /// observations in d parameters, so that a group of near-identical good points cannot collapse the model onto one
    /// value.</summary>
    /// <value>Default 0.1 (the paper's 1e-3 of the range let the model stall on noise-free objectives). Must be in (0, 1].</value>
    public double MinBandwidth { get; set; } = 0.1;

    /// <summary>How many candidates are drawn from the widened l(x) for each model-based trial (N_s).</summary>
    /// <value>Default 64. Must be &gt;= 1.</value>
    public int Candidates { get; set; } = 64;

    /// <summary>The seed of the sampler's random source.</summary>
    /// <value>Default <see langword="null"/>: a different sequence each run.</value>
    public int? Seed { get; set; }
}

namespace Hone.Samplers.Tpe;

/// <summary>How a <see cref="TpeSampler"/> models and samples the search space.</summary>
/// <remarks>Read once, when the sampler is built; later changes to this object do not affect it.</remarks>
public sealed class TpeSamplerOptions
{
    /// <summary>How many of the finished trials form the "good" group l(x), given how many trials are finished
    /// (complete or pruned). Must return at least 1; values above the count put every trial in the good group.</summary>
    /// <value>Default: <see cref="DefaultGamma"/>, min(⌈0.1·n⌉, 25).</value>
    public Func<int, int> Gamma { get; set; } = DefaultGamma;

    /// <summary>The weights of the observations of one Parzen estimator, oldest first, given how many there are.
    /// Must return that many finite, non-negative values, not all zero. With several objectives they weigh the rest
    /// only: the good group is weighted as <see cref="HypervolumeWeighting"/> says (MOTPE).</summary>
    /// <value>Default: <see cref="DefaultWeights"/>, flat for the 25 most recent, a linear ramp for older ones.</value>
    public Func<int, IReadOnlyList<double>> Weights { get; set; } = DefaultWeights;

    /// <summary>With several objectives (MOTPE), how much of each good trial's weight in l(x) comes from its
    /// hypervolume contribution; the rest is the same for every good trial. A good trial's weight is
    /// (1 − h) + h · c / c_max, where c is its exclusive hypervolume contribution within the good group and c_max the
    /// largest one; infeasible good trials get a negligible weight whatever h is. Ignored with one objective.</summary>
    /// <remarks>
    /// <para>1 is the MOTPE paper's weighting (Ozaki et al. 2020, GECCO; 2022, JAIR) and Optuna 3.1's: it steers
    /// sampling towards the ends and gaps of the front, but trials that add no hypervolume (dominated ones in the good
    /// group, points bunched on the front) count for almost nothing. 0 is uniform weights, which Optuna chose for v5
    /// after benchmarks on WFG, DTLZ and BBOB bi-objective problems (optuna/optuna#6766): every good trial pulls l(x)
    /// towards it, which speeds convergence to the front.</para>
    /// <para>The default mixes the two equally. On Hone's suite (bench/RESULTS.md, "Session 8: MOTPE weights"; 200
    /// trials, 80 seeds) it raised the median final hypervolume over h = 1 on every problem (ZDT1-3, DTLZ2, SRN and
    /// five held-out ones), while uniform weights (h = 0) gained on the ZDT problems but left about a quarter of the
    /// three-objective DTLZ2 runs with a front that covers only part of the true one.</para>
    /// </remarks>
    /// <value>Default: 0.5. Must lie in [0, 1].</value>
    public double HypervolumeWeighting { get; set; } = 0.5;

    /// <summary>Whether each estimator includes a wide prior kernel (centred, as wide as the range) beside the
    /// observations, which keeps some mass everywhere.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool ConsiderPrior { get; set; } = true;

    /// <summary>The weight of the prior kernel relative to one observation of weight 1; also the smoothing of
    /// categorical kernels.</summary>
    /// <value>Default: 1.0. Must be finite and &gt; 0.</value>
    public double PriorWeight { get; set; } = 1.0;

    /// <summary>Whether the kernel bandwidths have a floor of range / min(100, 1 + kernels), so that a cluster of
    /// close observations cannot collapse the estimator onto a point.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool ConsiderMagicClip { get; set; } = true;

    /// <summary>Whether the outermost kernels take the distance to the range's bounds into account when their
    /// bandwidth is chosen (univariate mode).</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool ConsiderEndpoints { get; set; }

    /// <summary>How many finished trials are sampled at random before the model is used.</summary>
    /// <value>Default: 10. Must be &gt;= 0.</value>
    public int StartupTrials { get; set; } = 10;

    /// <summary>How many candidates are drawn from l(x) for each sample; the one with the highest l(x)/g(x) wins.</summary>
    /// <value>Default: 24. Must be &gt;= 1.</value>
    public int EiCandidates { get; set; } = 24;

    /// <summary>Whether to model the parameters jointly (one multivariate Parzen estimator over the parameters every
    /// trial shares) instead of one estimator per parameter. Parameters outside that space are sampled independently.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool Multivariate { get; set; }

    /// <summary>With <see cref="Multivariate"/>, splits a conditional space into groups of parameters that always
    /// occur together and models each group jointly on the trials that have it.</summary>
    /// <value>Default: <see langword="false"/>. Needs <see cref="Multivariate"/>.</value>
    public bool Group { get; set; }

    /// <summary>Whether running trials count as observations with the worst value, so that parallel workers are steered
    /// away from points already being evaluated.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool ConstantLiar { get; set; }

    /// <summary>The seed of the sampler's random source.</summary>
    /// <value>Default: <see langword="null"/>, a different sequence each run.</value>
    public int? Seed { get; set; }

    /// <summary>Optuna's default γ: min(⌈0.1·n⌉, 25) trials in the good group out of <paramref name="finished"/>.</summary>
    /// <param name="finished">The number of finished (complete or pruned) trials.</param>
    /// <returns>The size of the good group.</returns>
    public static int DefaultGamma(int finished) => Math.Min((int)Math.Ceiling(0.1 * finished), 25);

    /// <summary>Hyperopt's γ: min(⌈0.25·√n⌉, 25).</summary>
    /// <param name="finished">The number of finished (complete or pruned) trials.</param>
    /// <returns>The size of the good group.</returns>
    public static int HyperoptGamma(int finished) => Math.Min((int)Math.Ceiling(0.25 * Math.Sqrt(finished)), 25);

    /// <summary>Flat weights for up to 25 observations; beyond that the 25 most recent get 1 and the older ones a
    /// linear ramp from 1/n up to 1 (Bergstra et al. 2013).</summary>
    /// <param name="count">The number of observations.</param>
    /// <returns>One weight per observation, oldest first.</returns>
    public static IReadOnlyList<double> DefaultWeights(int count)
    {
        var weights = new double[count];
        FillDefaultWeights(weights);
        return weights;
    }

    /// <summary>Writes <see cref="DefaultWeights"/> for <c>weights.Length</c> observations without allocating.</summary>
    internal static void FillDefaultWeights(Span<double> weights)
    {
        const int Flat = 25;
        var count = weights.Length;
        if (count <= Flat)
        {
            weights.Fill(1);
            return;
        }

        var ramp = count - Flat;
        var low = 1.0 / count;
        for (var i = 0; i < ramp; i++)
        {
            weights[i] = ramp == 1 ? low : low + ((1 - low) * i / (ramp - 1));
        }

        weights[ramp..].Fill(1);
    }
}

using Hone.Trials;

namespace Hone.Samplers.CmaEs;

/// <summary>How a <see cref="CmaEsSampler"/> searches. Validated when the sampler is built.</summary>
/// <remarks>
/// CMA-ES works in the unit cube: each float or int parameter is mapped onto [0, 1], log parameters in log space, so
/// <see cref="Sigma0"/> is a fraction of each parameter's range. A resumed study carries on from its saved state;
/// <see cref="X0"/>, <see cref="Sigma0"/>, <see cref="PopulationSize"/> and <see cref="WarmStartTrials"/> only shape
/// a state that does not exist yet.
/// </remarks>
public sealed class CmaEsSamplerOptions
{
    /// <summary>The seed of the sampler's random draws; with a seed, a study run sequentially proposes the same trials.</summary>
    /// <value>Default: <see langword="null"/>, a different sequence each run.</value>
    public int? Seed { get; set; }

    /// <summary>The initial mean, as parameter values by name (the values the objective's <c>Suggest</c> calls return).</summary>
    /// <value>Default: <see langword="null"/>, the centre of each range (in log space for log parameters). Parameters
    /// missing from it start at their centre. Restarts start from random points instead.</value>
    public IReadOnlyDictionary<string, object?>? X0 { get; set; }

    /// <summary>The initial step size, as a fraction of each parameter's range (the unit cube's side).</summary>
    /// <value>Default: <see langword="null"/>, 1/6, so that ±3σ spans the range from its centre. Must be &gt; 0.</value>
    public double? Sigma0 { get; set; }

    /// <summary>The population size λ: trials per generation.</summary>
    /// <value>Default: <see langword="null"/>, 4 + ⌊3 ln n⌋ for n parameters (10 for 10 parameters). Must be &gt;= 2.
    /// With restarts, the size of the first run.</value>
    public int? PopulationSize { get; set; }

    /// <summary>What to do when the search has converged or stalled.</summary>
    /// <value>Default: <see cref="CmaEsRestartStrategy.None"/>.</value>
    public CmaEsRestartStrategy Restart { get; set; } = CmaEsRestartStrategy.None;

    /// <summary>The factor by which IPOP restarts (and BIPOP's large-population restarts) grow the population.</summary>
    /// <value>Default: 2. Must be &gt;= 1 (1 restarts with the same size).</value>
    public int IncPopSize { get; set; } = 2;

    /// <summary>Whether to learn a diagonal covariance only (sep-CMA-ES, Ros and Hansen 2008): linear time and memory
    /// per sample and faster learning, for many parameters or nearly separable problems.</summary>
    /// <value>Default: <see langword="false"/>, a full covariance.</value>
    public bool Separable { get; set; }

    /// <summary>Whether to apply CMA-ES with margin (Hamano et al. 2022) to int and stepped float parameters, which keeps
    /// the search from freezing on one integer value.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool WithMargin { get; set; }

    /// <summary>Whether to adapt the learning rates of the mean and covariance updates to keep their signal-to-noise
    /// ratio constant (LRA-CMA-ES, Nomura, Akimoto and Ono 2023), which lets the default population cope with rugged
    /// (multimodal) and noisy objectives; on smooth ones the rates stay at 1, the plain CMA-ES.</summary>
    /// <value>Default: <see langword="false"/>. Cannot be combined with <see cref="Separable"/>. Within the budgets of
    /// the benchmark suite (100–200 trials) it makes the search slower, not better: the rates drop while the first,
    /// noisy generations are told; it is meant for long runs.</value>
    public bool LearningRateAdaptation { get; set; }

    /// <summary>Whether to draw each generation as mirrored pairs along orthogonal directions and recombine only the
    /// better of each pair (mirrored orthogonal sampling with pairwise selection; Wang, Emmerich and Bäck 2014): the
    /// trials of a generation spread more evenly than independent draws, which speeds up convergence.</summary>
    /// <value>Default: <see langword="true"/>; <see langword="false"/> draws the vectors independently, as the original
    /// CMA-ES. In the benchmark suite (300 seeds) it lowers the median final regret at 100–200 trials on Ackley-5 (also
    /// shifted), the shifted Rastrigin-6, Hartmann-3/6 and Rosenbrock-10 and leaves Rastrigin-6 and Branin about where
    /// they were; at 1,000 trials with IPOP restarts it lowers it on every function measured (bench/RESULTS.md,
    /// Session 8).</value>
    public bool MirroredOrthogonalSampling { get; set; } = true;

    /// <summary>Trials of a similar, earlier task (for example another study's <see cref="Studies.Study.Trials"/>) from
    /// which to estimate the initial mean, step size and covariance (WS-CMA-ES, Nomura et al. 2021).</summary>
    /// <value>Default: <see langword="null"/>, a cold start. Only complete trials that have every parameter of the
    /// search space, with the same distributions, are used; their values are read in this study's direction. Cannot be
    /// combined with <see cref="X0"/> or <see cref="Sigma0"/>.</value>
    public IReadOnlyList<FrozenTrial>? WarmStartTrials { get; set; }

    /// <summary>The sampler for parameters CMA-ES does not model: categorical ones, those not in every trial, the first
    /// trial's, and all of them when fewer than two float or int parameters are shared.</summary>
    /// <value>Default: <see langword="null"/>, a <see cref="RandomSampler"/> with <see cref="Seed"/>.</value>
    public ISampler? IndependentSampler { get; set; }
}

namespace Hone.Samplers.Gp;

/// <summary>Options of a <see cref="GpSampler"/>; read and checked when the sampler is built.</summary>
public sealed class GpSamplerOptions
{
    /// <summary>How many complete trials come from the start-up design (a scrambled Sobol sequence over the joint
    /// space, after a first random trial) before the GP takes over.</summary>
    /// <value>Default 10: Optuna's and most BO libraries' choice. A GP needs a handful of points to estimate its
    /// lengthscales; in low dimensions 10 Sobol points cover the space evenly, and more would only delay the model
    /// within a 100-trial budget. Must be &gt;= 1.</value>
    public int StartupTrials { get; set; } = 10;

    /// <summary>The acquisition function.</summary>
    /// <value>Default <see cref="GpAcquisition.LogExpectedImprovement"/>.</value>
    public GpAcquisition Acquisition { get; set; } = GpAcquisition.LogExpectedImprovement;

    /// <summary>β of <see cref="GpAcquisition.UpperConfidenceBound"/> (the bound is μ + √β·σ, in standardized units).</summary>
    /// <value>Default 2. Must be finite and &gt;= 0.</value>
    public double UcbBeta { get; set; } = 2;

    /// <summary>Whether the objective is deterministic: the noise variance is then held at its floor (1e-6 of the
    /// standardized variance) instead of fitted.</summary>
    /// <value>Default <see langword="false"/>: the noise is fitted, with a prior that favours small values.</value>
    public bool DeterministicObjective { get; set; }

    /// <summary>The most complete trials the GP is fitted to: beyond, it keeps the best third by value and the most
    /// recent of the others. Fitting costs O(n³) in this number, so the cost of a trial stops growing there.</summary>
    /// <value>Default 300. Must be &gt;= 10.</value>
    public int MaxTrainingTrials { get; set; } = 300;

    /// <summary>How many quasi-random candidates score the acquisition function before the local search.</summary>
    /// <value>Default 512. Must be &gt;= 1.</value>
    public int Candidates { get; set; } = 512;

    /// <summary>How many of the best candidates the local search refines (besides the best trial so far).</summary>
    /// <value>Default 4. Must be &gt;= 0.</value>
    public int LocalSearches { get; set; } = 4;

    /// <summary>The seed of the sampler's random choices: the start-up design, the candidates and the default
    /// independent sampler.</summary>
    /// <value>Default <see langword="null"/>: a different sequence each run.</value>
    public int? Seed { get; set; }

    /// <summary>Samples parameters outside the joint space: those of the first trial, and those that not every
    /// complete trial has (conditional ones).</summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with <see cref="Seed"/>.</value>
    public ISampler? IndependentSampler { get; set; }
}

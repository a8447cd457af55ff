namespace Hone.Samplers.Nsga;

/// <summary>How NSGA-II and NSGA-III combine two parents into a child's float and int parameters.</summary>
/// <remarks>Categorical parameters always take each value from one parent or the other
/// (<see cref="NsgaSamplerOptions.SwappingProbability"/>), whichever crossover is chosen.</remarks>
public enum NsgaCrossover
{
    /// <summary>Uniform crossover: each parameter comes from the second parent with probability
    /// <see cref="NsgaSamplerOptions.SwappingProbability"/>, else from the first (Optuna's default).</summary>
    Uniform,

    /// <summary>Simulated binary crossover (Deb and Agrawal, "Simulated binary crossover for continuous search space",
    /// Complex Systems 1995), bounded form: each parameter, with probability 0.5, is drawn from a distribution around the
    /// parents' two values whose spread <see cref="NsgaSamplerOptions.SbxEta"/> sets; otherwise it comes from one parent
    /// as in uniform crossover.</summary>
    Sbx,

    /// <summary>Blend crossover BLX-α (Eshelman and Schaffer, "Real-coded genetic algorithms and interval-schemata",
    /// FOGA 1992): each parameter is drawn uniformly from the parents' interval widened by α of its length at both ends
    /// (<see cref="NsgaSamplerOptions.BlxAlpha"/>), then clipped to the range.</summary>
    BlxAlpha,
}

namespace Hone.Samplers.Tpe;

/// <summary>The kernels of one parameter in a Parzen estimator: one per component (observation or prior).</summary>
/// <remarks>
/// A component's log density at x is split into a part that does not depend on x, folded once into the estimator's
/// per-component constants, and a part that does, added for each point evaluated.
/// </remarks>
internal abstract class ParzenKernels
{
    /// <summary>The parameter's kernel space.</summary>
    public abstract ParzenParameter Parameter { get; }

    /// <summary>Draws a point of the kernel space from one component.</summary>
    public abstract double Sample(Random random, int component);

    /// <summary>Adds each component's x-independent log density term to <paramref name="constants"/>.</summary>
    /// <param name="constants">One term per component.</param>
    /// <param name="weightByBandwidth">Whether the estimator weighs components by their bandwidths, which cancels a
    /// continuous kernel's 1/σ.</param>
    public abstract void AddConstants(Span<double> constants, bool weightByBandwidth);

    /// <summary>Multiplies each weight by its continuous kernel's bandwidth relative to the range (at most 1, so
    /// products over many parameters stay representable); leaves discrete and categorical kernels alone.</summary>
    /// <param name="weights">One weight per component.</param>
    /// <returns>ln of the range divided out, 0 when nothing was scaled.</returns>
    public abstract double ScaleByBandwidth(Span<double> weights);

    /// <summary>Adds each component's x-dependent log density term at <paramref name="x"/> to <paramref name="logDensities"/>.</summary>
    public abstract void AddLogDensities(double x, Span<double> logDensities);

    /// <summary>Writes <paramref name="constants"/> plus each component's x-dependent term at <paramref name="x"/>.</summary>
    public virtual void WriteLogDensities(double x, ReadOnlySpan<double> constants, Span<double> logDensities)
    {
        constants.CopyTo(logDensities);
        AddLogDensities(x, logDensities);
    }
}

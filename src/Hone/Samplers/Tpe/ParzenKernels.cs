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
    public abstract void AddConstants(Span<double> constants);

    /// <summary>Adds the log bandwidth of each continuous kernel to <paramref name="logWeights"/>; nothing for discrete or
    /// categorical kernels.</summary>
    public abstract void AddLogBandwidths(Span<double> logWeights);

    /// <summary>Adds each component's x-dependent log density term at <paramref name="x"/> to <paramref name="logDensities"/>.</summary>
    public abstract void AddLogDensities(double x, Span<double> logDensities);
}

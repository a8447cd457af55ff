namespace Hone.Bench.Functions;

/// <summary>The Branin (Branin-Hoo) function, 2-D, with three global minima of value 5/(4π) ≈ 0.397887.</summary>
/// <remarks>Definition, domain and minima as in Surjanovic and Bingham, Virtual Library of Simulation Experiments
/// (https://www.sfu.ca/~ssurjano/branin.html), after Dixon and Szegő (1978), "The global optimization problem: an
/// introduction", in Towards Global Optimisation 2.</remarks>
internal sealed class Branin() : BoxFunction([-5, 0], [10, 15], [Math.PI, 2.275])
{
    private const double B = 5.1 / (4 * Math.PI * Math.PI);
    private const double C = 5 / Math.PI;
    private const double T = 1 / (8 * Math.PI);

    /// <inheritdoc/>
    public override string Name => "branin";

    /// <summary>At (π, 2.275) the squared term vanishes and cos π = −1, which leaves 10·t = 5/(4π).</summary>
    public override double KnownMinimum => 5 / (4 * Math.PI);

    /// <inheritdoc/>
    public override string Source => "Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/branin.html); Dixon & Szegő 1978";

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var x1 = point[0];
        var x2 = point[1];
        var u = x2 - (B * x1 * x1) + (C * x1) - 6;
        return (u * u) + (10 * (1 - T) * Math.Cos(x1)) + 10;
    }
}

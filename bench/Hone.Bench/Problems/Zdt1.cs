namespace Hone.Bench.Problems;

/// <summary>ZDT1: a convex front, h = 1 − √(f1/g).</summary>
internal sealed class Zdt1 : ZdtProblem
{
    /// <inheritdoc/>
    public override string Name => "zdt1";

    /// <inheritdoc/>
    public override string Source => "Zitzler, Deb & Thiele 2000, Evolutionary Computation 8(2), ZDT1 (n = 30)";

    /// <inheritdoc/>
    protected override double H(double f1, double g) => 1 - Math.Sqrt(f1 / g);
}

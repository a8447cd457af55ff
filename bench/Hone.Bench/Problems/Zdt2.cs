namespace Hone.Bench.Problems;

/// <summary>ZDT2: a concave front, h = 1 − (f1/g)².</summary>
internal sealed class Zdt2 : ZdtProblem
{
    /// <inheritdoc/>
    public override string Name => "zdt2";

    /// <inheritdoc/>
    public override string Source => "Zitzler, Deb & Thiele 2000, Evolutionary Computation 8(2), ZDT2 (n = 30)";

    /// <inheritdoc/>
    protected override double H(double f1, double g)
    {
        var ratio = f1 / g;
        return 1 - (ratio * ratio);
    }
}

namespace Hone.Bench.Problems;

/// <summary>ZDT3: a front in five disconnected pieces, h = 1 − √(f1/g) − (f1/g)·sin(10π·f1).</summary>
internal sealed class Zdt3 : ZdtProblem
{
    /// <inheritdoc/>
    public override string Name => "zdt3";

    /// <inheritdoc/>
    public override string Source => "Zitzler, Deb & Thiele 2000, Evolutionary Computation 8(2), ZDT3 (n = 30)";

    /// <inheritdoc/>
    protected override double H(double f1, double g)
    {
        var ratio = f1 / g;
        return 1 - Math.Sqrt(ratio) - (ratio * Math.Sin(10 * Math.PI * f1));
    }
}

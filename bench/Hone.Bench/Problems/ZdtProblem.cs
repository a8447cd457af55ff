namespace Hone.Bench.Problems;

/// <summary>
/// The ZDT family (Zitzler, Deb and Thiele 2000, "Comparison of Multiobjective Evolutionary Algorithms: Empirical
/// Results", Evolutionary Computation 8(2)) with 30 variables in [0, 1]: f1 = x0, g = 1 + 9·Σx1..x29 / 29,
/// f2 = g·h(f1, g); the Pareto front is where g = 1 (x1..x29 = 0).
/// </summary>
internal abstract class ZdtProblem() : MoProblem(Repeat(0, Variables), Repeat(1, Variables))
{
    private const int Variables = 30;

    /// <inheritdoc/>
    public override int Objectives => 2;

    /// <inheritdoc/>
    public override int Budget => 1_000;

    /// <inheritdoc/>
    public override double[] Values(double[] point)
    {
        var f1 = point[0];
        var sum = 0.0;
        for (var i = 1; i < point.Length; i++)
        {
            sum += point[i];
        }

        var g = 1 + (9 * sum / (point.Length - 1));
        return [f1, g * H(f1, g)];
    }

    /// <summary>The shape function h(f1, g) of the family member.</summary>
    protected abstract double H(double f1, double g);
}

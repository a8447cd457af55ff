namespace Hone.Bench.Problems;

/// <summary>
/// SRN, the constrained problem of Chankong and Haimes as Srinivas and Deb posed it: x0, x1 in [−20, 20],
/// f1 = 2 + (x0 − 2)² + (x1 − 1)², f2 = 9·x0 − (x1 − 1)², subject to x0² + x1² &lt;= 225 and x0 − 3·x1 + 10 &lt;= 0.
/// </summary>
/// <remarks>About 16% of the box is feasible; the Pareto front runs from about (10, 2) to (224, −218).</remarks>
internal sealed class Srn() : MoProblem([-20, -20], [20, 20])
{
    /// <inheritdoc/>
    public override string Name => "srn";

    /// <inheritdoc/>
    public override int Objectives => 2;

    /// <inheritdoc/>
    public override int Constraints => 2;

    /// <inheritdoc/>
    public override int Budget => 500;

    /// <inheritdoc/>
    public override string Source => "Srinivas & Deb 1994, Evolutionary Computation 2(3), after Chankong & Haimes 1983";

    /// <inheritdoc/>
    public override double[] Values(double[] point)
    {
        var dx = point[0] - 2;
        var dy = point[1] - 1;
        return [2 + (dx * dx) + (dy * dy), (9 * point[0]) - (dy * dy)];
    }

    /// <inheritdoc/>
    public override double[] ConstraintValues(double[] point) =>
        [(point[0] * point[0]) + (point[1] * point[1]) - 225, point[0] - (3 * point[1]) + 10];
}

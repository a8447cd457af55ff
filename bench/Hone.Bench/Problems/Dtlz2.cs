namespace Hone.Bench.Problems;

/// <summary>
/// DTLZ2 with 3 objectives and 12 variables in [0, 1] (k = 10): g = Σ(x_i − 0.5)² over x2..x11, and the objectives
/// are (1 + g) times the spherical coordinates of the angles x0·π/2 and x1·π/2; the front is the unit sphere's octant.
/// </summary>
internal sealed class Dtlz2() : MoProblem(Repeat(0, Variables), Repeat(1, Variables))
{
    private const int Variables = 12;

    /// <inheritdoc/>
    public override string Name => "dtlz2";

    /// <inheritdoc/>
    public override int Objectives => 3;

    /// <inheritdoc/>
    public override int Budget => 1_000;

    /// <inheritdoc/>
    public override string Source => "Deb, Thiele, Laumanns & Zitzler 2005, \"Scalable Test Problems for Evolutionary Multiobjective Optimization\", DTLZ2 (M = 3, n = 12)";

    /// <inheritdoc/>
    public override double[] Values(double[] point)
    {
        var g = 0.0;
        for (var i = 2; i < point.Length; i++)
        {
            var d = point[i] - 0.5;
            g += d * d;
        }

        var a = point[0] * Math.PI / 2;
        var b = point[1] * Math.PI / 2;
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    }
}

namespace Hone.Bench.Functions;

/// <summary>The Hartmann family on the unit cube: minus a sum of four weighted Gaussian-like bumps.</summary>
/// <remarks>f(x) = −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²), with α = (1, 1.2, 3, 3.2) and A, P given by each member.</remarks>
internal abstract class HartmannFunction(double[,] a, double[,] p, double[] minimizer)
    : BoxFunction(Repeat(0, minimizer.Length), Repeat(1, minimizer.Length), minimizer)
{
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var total = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < point.Length; j++)
            {
                var d = point[j] - p[i, j];
                inner += a[i, j] * d * d;
            }

            total += Alpha[i] * Math.Exp(-inner);
        }

        return -total;
    }
}

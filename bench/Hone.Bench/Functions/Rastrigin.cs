namespace Hone.Bench.Functions;

/// <summary>The Rastrigin function in 6 dimensions on [−5.12, 5.12]⁶, global minimum 0 at the origin.</summary>
/// <remarks>f(x) = 10 d + Σ [xᵢ² − 10 cos(2π xᵢ)]; definition and domain from Surjanovic and Bingham, Virtual Library
/// of Simulation Experiments (https://www.sfu.ca/~ssurjano/rastr.html), after Rastrigin (1974), Systems of Extremal
/// Control.</remarks>
internal sealed class Rastrigin() : BoxFunction(Repeat(-5.12, Dimensions), Repeat(5.12, Dimensions), Repeat(0, Dimensions))
{
    private const int Dimensions = 6;

    /// <inheritdoc/>
    public override string Name => "rastrigin6";

    /// <inheritdoc/>
    public override double KnownMinimum => 0;

    /// <inheritdoc/>
    public override string Source => "Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/rastr.html); Rastrigin 1974";

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var total = 10.0 * point.Length;
        foreach (var x in point)
        {
            total += (x * x) - (10 * Math.Cos(2 * Math.PI * x));
        }

        return total;
    }
}

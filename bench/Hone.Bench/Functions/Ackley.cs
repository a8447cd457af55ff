namespace Hone.Bench.Functions;

/// <summary>The Ackley function in 5 dimensions on [−32.768, 32.768]⁵, global minimum 0 at the origin.</summary>
/// <remarks>f(x) = −20 exp(−0.2 √(Σ xᵢ² / d)) − exp(Σ cos(2π xᵢ) / d) + 20 + e; definition, constants and domain
/// from Surjanovic and Bingham, Virtual Library of Simulation Experiments (https://www.sfu.ca/~ssurjano/ackley.html),
/// after Ackley (1987), A Connectionist Machine for Genetic Hillclimbing.</remarks>
internal sealed class Ackley() : BoxFunction(Repeat(-32.768, Dimensions), Repeat(32.768, Dimensions), Repeat(0, Dimensions))
{
    private const int Dimensions = 5;

    /// <inheritdoc/>
    public override string Name => "ackley5";

    /// <inheritdoc/>
    public override double KnownMinimum => 0;

    /// <inheritdoc/>
    public override string Source => "Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/ackley.html); Ackley 1987";

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var squares = 0.0;
        var cosines = 0.0;
        foreach (var x in point)
        {
            squares += x * x;
            cosines += Math.Cos(2 * Math.PI * x);
        }

        return (-20 * Math.Exp(-0.2 * Math.Sqrt(squares / point.Length))) - Math.Exp(cosines / point.Length) + 20 + Math.E;
    }
}

namespace Hone.Bench.Functions;

/// <summary>The Rosenbrock valley in 10 dimensions on [−5, 10]¹⁰, global minimum 0 at (1, ..., 1).</summary>
/// <remarks>f(x) = Σᵢ₌₁^{d−1} [100 (xᵢ₊₁ − xᵢ²)² + (xᵢ − 1)²]; definition and domain from Surjanovic and Bingham,
/// Virtual Library of Simulation Experiments (https://www.sfu.ca/~ssurjano/rosen.html), after Rosenbrock (1960),
/// "An automatic method for finding the greatest or least value of a function", The Computer Journal 3(3).</remarks>
internal sealed class Rosenbrock() : BoxFunction(Repeat(-5, Dimensions), Repeat(10, Dimensions), Repeat(1, Dimensions))
{
    private const int Dimensions = 10;

    /// <inheritdoc/>
    public override string Name => "rosenbrock10";

    /// <inheritdoc/>
    public override double KnownMinimum => 0;

    /// <inheritdoc/>
    public override string Source => "Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/rosen.html); Rosenbrock 1960";

    /// <summary>Twice the usual budget: ten dimensions.</summary>
    public override int Budget => 200;

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var total = 0.0;
        for (var i = 0; i < point.Length - 1; i++)
        {
            var valley = point[i + 1] - (point[i] * point[i]);
            var offset = point[i] - 1;
            total += (100 * valley * valley) + (offset * offset);
        }

        return total;
    }
}

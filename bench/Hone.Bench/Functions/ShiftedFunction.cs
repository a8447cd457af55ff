namespace Hone.Bench.Functions;

/// <summary>A box function with its minimiser moved off the centre of the box: f(x − s) on the same box.</summary>
/// <remarks>Ackley and Rastrigin have their minimum at the centre of their box, which is where CMA-ES starts its
/// mean and where a symmetric search concentrates; the shifted copies show whether a sampler finds the basin or only
/// benefits from starting in it.</remarks>
internal sealed class ShiftedFunction(BoxFunction inner, double[] offset)
    : BoxFunction([.. inner.Lows], [.. inner.Highs], [.. offset])
{
    private readonly double[] _offset = [.. offset];

    /// <inheritdoc/>
    public override string Name => inner.Name + "-shifted";

    /// <inheritdoc/>
    public override double KnownMinimum => inner.KnownMinimum;

    /// <inheritdoc/>
    public override string Source => inner.Source + "; minimiser moved to " + string.Join(", ", _offset.Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var moved = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            moved[i] = point[i] - _offset[i];
        }

        return inner.Value(moved);
    }
}

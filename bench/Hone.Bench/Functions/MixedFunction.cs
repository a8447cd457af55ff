using Hone.Trials;

namespace Hone.Bench.Functions;

/// <summary>A function of our own over every kind of parameter: two floats (one log-scaled), two integers and a
/// categorical whose choice moves the optimum of the others; minimum 0 by construction.</summary>
/// <remarks>
/// Parameters: <c>x</c> in [−5, 5], <c>lr</c> in [1e−5, 1] (log), <c>n</c> in {1..20}, <c>k</c> in {−8..8},
/// <c>kind</c> in {a, b, c}. Each kind has its own optimum (x*, log₁₀ lr*, n*, k*) and offset:
/// a (1.5, −2, 12, −3) + 0, b (−2.5, −4, 5, 4) + 0.4, c (3, −1, 17, 0) + 0.8, and
/// f = offset + ((x − x*)/2)² + 0.5 (log₁₀ lr − log₁₀ lr*)² + ((n − n*)/4)² + |k − k*|/4,
/// so the minimum is 0, at kind a, x = 1.5, lr = 0.01, n = 12, k = −3; kinds b and c are local optima (0.4 and 0.8).
/// The integer term in <c>k</c> is not smooth on purpose.
/// </remarks>
internal sealed class MixedFunction : BenchFunction
{
    private static readonly string[] Kinds = ["a", "b", "c"];

    // Per kind: x*, log10(lr*), n*, k*, offset.
    private static readonly double[,] Optima =
    {
        { 1.5, -2, 12, -3, 0 },
        { -2.5, -4, 5, 4, 0.4 },
        { 3, -1, 17, 0, 0.8 },
    };

    /// <inheritdoc/>
    public override string Name => "mixed";

    /// <inheritdoc/>
    public override int Dimension => 5;

    /// <inheritdoc/>
    public override string Space => "x in [-5, 5], lr in [1e-5, 1] log, n in {1..20}, k in {-8..8}, kind in {a, b, c}";

    /// <inheritdoc/>
    public override double KnownMinimum => 0;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> Minimizer { get; } =
        new Dictionary<string, object?> { ["x"] = 1.5, ["lr"] = 0.01, ["n"] = 12, ["k"] = -3, ["kind"] = "a" };

    /// <inheritdoc/>
    public override string Source => "Hone's own (bench/Hone.Bench/Functions/MixedFunction.cs)";

    /// <inheritdoc/>
    public override double[] Suggest(Trial trial) =>
    [
        trial.SuggestFloat("x", -5, 5),
        trial.SuggestFloat("lr", 1e-5, 1, log: true),
        trial.SuggestInt("n", 1, 20),
        trial.SuggestInt("k", -8, 8),
        Array.IndexOf(Kinds, trial.SuggestCategorical("kind", Kinds)),
    ];

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        var kind = (int)point[4];
        var dx = (point[0] - Optima[kind, 0]) / 2;
        var dl = Math.Log10(point[1]) - Optima[kind, 1];
        var dn = (point[2] - Optima[kind, 2]) / 4;
        return Optima[kind, 4] + (dx * dx) + (0.5 * dl * dl) + (dn * dn) + (Math.Abs(point[3] - Optima[kind, 3]) / 4);
    }
}

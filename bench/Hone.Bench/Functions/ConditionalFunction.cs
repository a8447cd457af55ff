using Hone.Trials;

namespace Hone.Bench.Functions;

/// <summary>A conditional space of our own: a categorical <c>branch</c> picks one of two sub-spaces with their own
/// parameters; minimum 0 by construction, in the harder branch.</summary>
/// <remarks>
/// <c>branch</c> = quadratic: <c>q_x</c> in [−5, 5], <c>q_scale</c> in [1e−3, 1e3] (log);
/// f = 1 + ((q_x − 2)/2)² + ((log₁₀ q_scale − 1)/2)², a smooth bowl whose floor is 1 (a trap).
/// <c>branch</c> = oscillating: <c>o_x</c>, <c>o_y</c> in [−5, 5], <c>o_n</c> in {0..10};
/// f = ((o_x + 1)² + (o_y − 2)²)/4 + |o_n − 3|/4 + 0.5 (1 − cos(2π (o_x + 1))), a rippled bowl with the global
/// minimum 0 at o_x = −1, o_y = 2, o_n = 3.
/// A trial suggests <c>branch</c> and then only its branch's parameters, so samplers see a different set of
/// parameters from trial to trial.
/// </remarks>
internal sealed class ConditionalFunction : BenchFunction
{
    private static readonly string[] Branches = ["quadratic", "oscillating"];

    /// <inheritdoc/>
    public override string Name => "conditional";

    /// <inheritdoc/>
    public override int Dimension => 4;

    /// <inheritdoc/>
    public override string Space =>
        "branch in {quadratic, oscillating}; quadratic: q_x in [-5, 5], q_scale in [1e-3, 1e3] log; oscillating: o_x, o_y in [-5, 5], o_n in {0..10}";

    /// <inheritdoc/>
    public override double KnownMinimum => 0;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> Minimizer { get; } =
        new Dictionary<string, object?> { ["branch"] = "oscillating", ["o_x"] = -1.0, ["o_y"] = 2.0, ["o_n"] = 3 };

    /// <inheritdoc/>
    public override string Source => "Hone's own (bench/Hone.Bench/Functions/ConditionalFunction.cs)";

    /// <inheritdoc/>
    public override double[] Suggest(Trial trial)
    {
        var branch = Array.IndexOf(Branches, trial.SuggestCategorical("branch", Branches));
        return branch == 0
            ? [branch, trial.SuggestFloat("q_x", -5, 5), trial.SuggestFloat("q_scale", 1e-3, 1e3, log: true), 0]
            : [branch, trial.SuggestFloat("o_x", -5, 5), trial.SuggestFloat("o_y", -5, 5), trial.SuggestInt("o_n", 0, 10)];
    }

    /// <inheritdoc/>
    public override double Value(double[] point)
    {
        if (point[0] == 0)
        {
            var dq = (point[1] - 2) / 2;
            var ds = (Math.Log10(point[2]) - 1) / 2;
            return 1 + (dq * dq) + (ds * ds);
        }

        var dx = point[1] + 1;
        var dy = point[2] - 2;
        return (((dx * dx) + (dy * dy)) / 4) + (Math.Abs(point[3] - 3) / 4) + (0.5 * (1 - Math.Cos(2 * Math.PI * dx)));
    }
}

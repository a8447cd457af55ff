using Hone.Trials;

namespace Hone.Bench;

/// <summary>The benchmark objective: ten floats x0..x9 in [-5, 5], returning the sum of their squares.</summary>
/// <remarks>Trivial on purpose, so that the figures measure the framework and not the objective. Its two-objective
/// version adds the sum of the squared distances to 1, which conflicts with the first.</remarks>
internal static class SumOfSquares
{
    // Built once, as the Optuna peer does, so neither side measures string formatting.
    private static readonly string[] Names = [.. Enumerable.Range(0, 10).Select(i => "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static double Evaluate(Trial trial)
    {
        var sum = 0.0;
        foreach (var name in Names)
        {
            var x = trial.SuggestFloat(name, -5, 5);
            sum += x * x;
        }

        return sum;
    }

    public static IReadOnlyList<double> EvaluateTwo(Trial trial)
    {
        var sum = 0.0;
        var shifted = 0.0;
        foreach (var name in Names)
        {
            var x = trial.SuggestFloat(name, -5, 5);
            sum += x * x;
            shifted += (x - 1) * (x - 1);
        }

        return [sum, shifted];
    }
}

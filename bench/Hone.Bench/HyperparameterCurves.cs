using Hone.SearchSpaces;
using Hone.Distributions;

namespace Hone.Bench;

/// <summary>
/// Synthetic learning curves that depend on five hyperparameters, for the <c>budgets</c> benchmark: the loss moves from
/// 1.5 towards an asymptote <c>a(x, lr)</c> at a rate <c>r(lr)</c> per step, <c>v(t) = a + (1.5 − a)·exp(−r·t)</c>, and is
/// observed with uniform noise of ±0.01.
/// </summary>
/// <remarks>
/// <c>a = 0.05 + 0.5·Σ (x_i − c_i)² + 0.1·(log10 lr + 1.5)²</c> with <c>c = (0.7, 0.3, 0.5, 0.2)</c>, and
/// <c>r = 0.1 + 0.2·√lr</c>: large learning rates learn fast but end higher, so early budgets mislead a little, as real
/// training does. The same dynamics, one step at a time (<see cref="Step"/>), drive the members of population-based
/// training, whose hyperparameters may change between steps. The noise is a fixed hash of a key (the trial or member)
/// and the step, so a run is reproducible.
/// </remarks>
internal static class HyperparameterCurves
{
    /// <summary>The steps of a trial that is never pruned.</summary>
    public const int Steps = 27;

    /// <summary>The loss every curve starts from.</summary>
    public const double Start = 1.5;

    private static readonly double[] Centre = [0.7, 0.3, 0.5, 0.2];

    /// <summary>The space: x1..x4 in [0, 1] and lr log-uniform in [1e-3, 1].</summary>
    public static SearchSpace Space { get; } = new SearchSpace()
        .Add("x1", new FloatDistribution(0, 1))
        .Add("x2", new FloatDistribution(0, 1))
        .Add("x3", new FloatDistribution(0, 1))
        .Add("x4", new FloatDistribution(0, 1))
        .Add("lr", new FloatDistribution(1e-3, 1, log: true));

    /// <summary>The asymptote of a configuration.</summary>
    public static double Asymptote(IReadOnlyDictionary<string, object?> parameters)
    {
        var a = 0.05;
        for (var i = 0; i < Centre.Length; i++)
        {
            var d = (double)parameters["x" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]! - Centre[i];
            a += 0.5 * d * d;
        }

        var lr = (double)parameters["lr"]!;
        return a + (0.1 * Math.Pow(Math.Log10(lr) + 1.5, 2));
    }

    /// <summary>The rate per step of a learning rate.</summary>
    public static double Rate(double lr) => 0.1 + (0.2 * Math.Sqrt(lr));

    /// <summary>The noise-free loss of a configuration trained from the start for <paramref name="steps"/> steps.</summary>
    public static double Loss(IReadOnlyDictionary<string, object?> parameters, int steps)
    {
        var a = Asymptote(parameters);
        return a + ((Start - a) * Math.Exp(-Rate((double)parameters["lr"]!) * steps));
    }

    /// <summary>One step of training from a loss with a configuration.</summary>
    public static double Step(IReadOnlyDictionary<string, object?> parameters, double loss)
    {
        var a = Asymptote(parameters);
        return a + ((loss - a) * Math.Exp(-Rate((double)parameters["lr"]!)));
    }

    /// <summary>Uniform noise in [−0.01, 0.01] from a hash of a key and a step.</summary>
    public static double Noise(int key, int step)
    {
        var h = unchecked(((uint)key * 0x9E3779B1u) ^ ((uint)step * 0x85EBCA77u));
        h ^= h >> 15;
        h = unchecked(h * 0x2C1B3C6Du);
        h ^= h >> 12;
        return ((h / 4294967296.0) - 0.5) * 0.02;
    }

    /// <summary>The best noise-free loss after <paramref name="steps"/> steps: x at the centre, lr by a fine scan.</summary>
    public static double Optimum(int steps)
    {
        var best = double.PositiveInfinity;
        for (var k = 0; k <= 3000; k++)
        {
            var parameters = new Dictionary<string, object?> { ["x1"] = 0.7, ["x2"] = 0.3, ["x3"] = 0.5, ["x4"] = 0.2, ["lr"] = Math.Pow(10, -3 + (k / 1000.0)) };
            best = Math.Min(best, Loss(parameters, steps));
        }

        return best;
    }
}

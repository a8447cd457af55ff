namespace Hone.Bench;

/// <summary>
/// Synthetic learning curves for the pruning benchmark, one per trial number, the same in bench/peers/optuna_pruning.py
/// bit for bit: a loss that decays from <c>v0</c> towards an asymptote <c>a</c> at rate <c>r</c>,
/// <c>v(t) = a + (v0 - a) exp(-r t)</c>, plus noise.
/// </summary>
/// <remarks>
/// Each trial's parameters and noise come from its own stream: a 32-bit linear congruential generator (Numerical
/// Recipes' constants) started from a MurmurHash3 mix of the seed and the trial number, which two languages reproduce
/// exactly with integer arithmetic. Draws: <c>a = 0.1 + 0.8 u</c>, <c>r = 0.02 + 0.18 u</c>, <c>v0 = 1 + 0.1 u</c>,
/// then per step a triangular noise <c>σ (u + u' - 1)</c> with σ = 0.02. Slow curves with a low asymptote end best but
/// look poor early, which is what separates a patient pruner from a hasty one. The optimum is the best noise-free
/// final value over the trials of a run.
/// </remarks>
internal sealed class LearningCurves(int seed, int steps)
{
    public const double Noise = 0.02;

    public int Steps => steps;

    /// <summary>The curve parameters of a trial.</summary>
    public (double Asymptote, double Rate, double Start) Parameters(int trial)
    {
        var state = Start(trial);
        return Draw(ref state);
    }

    /// <summary>The noise-free value of a trial's curve at a step.</summary>
    public double True(int trial, int step)
    {
        var (a, r, v0) = Parameters(trial);
        return a + ((v0 - a) * Math.Exp(-r * step));
    }

    /// <summary>The values a trial reports at steps 0, 1, ..., Steps - 1: the curve plus noise.</summary>
    public double[] Observed(int trial)
    {
        var state = Start(trial);
        var (a, r, v0) = Draw(ref state);
        var values = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            var noise = Noise * (Next(ref state) + Next(ref state) - 1);
            values[t] = a + ((v0 - a) * Math.Exp(-r * t)) + noise;
        }

        return values;
    }

    /// <summary>The best noise-free final value among the first <paramref name="trials"/> trials.</summary>
    public double Optimum(int trials) => Enumerable.Range(0, trials).Min(i => True(i, steps - 1));

    private static (double Asymptote, double Rate, double Start) Draw(ref uint state)
    {
        var a = 0.1 + (0.8 * Next(ref state));
        var r = 0.02 + (0.18 * Next(ref state));
        var v0 = 1.0 + (0.1 * Next(ref state));
        return (a, r, v0);
    }

    private uint Start(int trial)
    {
        var h = unchecked(((uint)seed * 0x9E3779B1u) + ((uint)trial * 0x85EBCA77u) + 0x165667B1u);
        h ^= h >> 16;
        h = unchecked(h * 0x85EBCA6Bu);
        h ^= h >> 13;
        h = unchecked(h * 0xC2B2AE35u);
        h ^= h >> 16;
        return h;
    }

    private static double Next(ref uint state)
    {
        state = unchecked((1664525u * state) + 1013904223u);
        return state / 4294967296.0;
    }
}

using System.Runtime.CompilerServices;
using Hone.Trials;

namespace Hone.Tests.TestSupport;

/// <summary>
/// Learning curves that depend on three hyperparameters, for budget-aware samplers: the loss decays from 1.5 towards an
/// asymptote at a rate set by the learning rate, <c>v(t) = a + (1.5 − a)·exp(−r·t)</c>, plus a little noise.
/// </summary>
/// <remarks>
/// <c>a = 0.05 + (x − 0.7)² + (y − 0.3)² + 0.1·(log10 lr + 1.5)²</c> and <c>r = 0.1 + 0.2·√lr</c>: the best final loss,
/// about 0.083, lies near x = 0.7, y = 0.3, lr = 0.05, while larger learning rates look better early, so early budgets
/// mislead a little, as real training does. The noise is a fixed function of the trial number and step, so a run is reproducible.
/// </remarks>
internal static class HyperparameterCurves
{
    public const int Steps = 27;

    /// <summary>The noise-free loss of a configuration after <paramref name="step"/> steps.</summary>
    public static double Loss(double x, double y, double lr, int step)
    {
        var a = 0.05 + ((x - 0.7) * (x - 0.7)) + ((y - 0.3) * (y - 0.3)) + (0.1 * Math.Pow(Math.Log10(lr) + 1.5, 2));
        var r = 0.1 + (0.2 * Math.Sqrt(lr));
        return a + ((1.5 - a) * Math.Exp(-r * step));
    }

    /// <summary>An objective that reports the noisy loss at steps 1..<see cref="Steps"/>, asks the pruner after each,
    /// counts the steps it trains in <paramref name="epochs"/> and returns the noise-free final loss of a complete trial.</summary>
    public static Func<Trial, double> Objective(StrongBox<long> epochs) => trial =>
    {
        var x = trial.SuggestFloat("x", 0, 1);
        var y = trial.SuggestFloat("y", 0, 1);
        var lr = trial.SuggestFloat("lr", 1e-3, 1, log: true);
        for (var step = 1; step <= Steps; step++)
        {
            epochs.Value++;
            trial.Report(Loss(x, y, lr, step) + Noise(trial.Number, step), step);
            if (trial.ShouldPrune())
            {
                throw new TrialPrunedException();
            }
        }

        return Loss(x, y, lr, Steps);
    };

    /// <summary>Uniform noise in [−0.01, 0.01] from a hash of the trial number and step.</summary>
    private static double Noise(int number, int step)
    {
        var h = unchecked(((uint)number * 0x9E3779B1u) ^ ((uint)step * 0x85EBCA77u));
        h ^= h >> 15;
        h = unchecked(h * 0x2C1B3C6Du);
        h ^= h >> 12;
        return ((h / 4294967296.0) - 0.5) * 0.02;
    }
}

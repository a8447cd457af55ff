using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.TestSupport;

/// <summary>
/// A noise-free learning curve per configuration x in [0, 1]: <c>v(t) = 0.1 + x + exp(-0.3 t)</c>, plus, for x above
/// 0.5, a rise after step 5 (over-fitting). x = 0 is the best configuration at every step. Maximized studies see -v.
/// </summary>
internal static class LearningCurveObjective
{
    public const int Steps = 12;

    /// <summary>The curve of configuration x at step t, in the minimized sense.</summary>
    public static double Value(double x, int t) => 0.1 + x + Math.Exp(-0.3 * t) + (x > 0.5 ? 0.05 * Math.Max(0, t - 5) : 0);

    /// <summary>
    /// Two objectives over configurations (x, z) in [0, 1]²: <c>0.1 + x + z + exp(-0.3 t)</c> and
    /// <c>0.1 + (1 - x) + z + exp(-0.3 t)</c>, both minimized (the one of a maximized direction negated). At every step
    /// the configurations with z = 0 are the Pareto front, a trade-off along x, and z says how far from it a
    /// configuration lies; (0, 0) and (1, 0) are the front's ends.
    /// </summary>
    public static Func<Trial, IReadOnlyList<double>> TwoObjectives(StudyDirection first, StudyDirection second)
    {
        var signs = new[] { first == StudyDirection.Minimize ? 1 : -1, second == StudyDirection.Minimize ? 1 : -1 };
        return trial =>
        {
            var x = trial.SuggestFloat("x", 0, 1);
            var z = trial.SuggestFloat("z", 0, 1);
            double[] values = [];
            for (var t = 0; t < Steps; t++)
            {
                var decay = Math.Exp(-0.3 * t);
                values = [signs[0] * (0.1 + x + z + decay), signs[1] * (0.1 + (1 - x) + z + decay)];
                trial.Report(values, t);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return values;
        };
    }

    /// <summary>An objective that reports every step and stops when the pruner says so.</summary>
    public static Func<Trial, double> For(StudyDirection direction)
    {
        var sign = direction == StudyDirection.Minimize ? 1 : -1;
        return trial =>
        {
            var x = trial.SuggestFloat("x", 0, 1);
            var value = 0.0;
            for (var t = 0; t < Steps; t++)
            {
                value = sign * Value(x, t);
                trial.Report(value, t);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return value;
        };
    }
}

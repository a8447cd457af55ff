namespace Hone.Bench;

/// <summary>
/// Synthetic two-objective learning curves for the multi-objective pruning benchmark, one pair per trial number, built
/// from two streams of <see cref="LearningCurves"/>: objective 0 is the first stream's loss curve; objective 1 is a
/// second task's loss, which trades off against the first, as when one weight sets how much a model learns each task.
/// </summary>
/// <remarks>
/// With the first stream's draws (a, r, v0) and the second's (a', ·, w0) for the trial, the second curve is
/// <c>w(t) = b + (w0 - b) exp(-r t)</c> with asymptote <c>b = 1 - a + 0.2 (a' - 0.5)</c>, plus the second stream's noise:
/// a trial that learns the first task well learns the second poorly, the asymptotes lie within ±0.08 of the line
/// a + b = 1, and both curves share the trial's rate, so a slow trial looks poor in both objectives early and may still
/// end on the front. Both objectives are minimized.
/// </remarks>
internal sealed class TwoObjectiveCurves(int seed, int steps)
{
    private readonly LearningCurves _first = new(seed, steps);
    private readonly LearningCurves _second = new(unchecked((seed * 7919) + 104729), steps);

    /// <summary>The noise-free values of a trial's curves at a step.</summary>
    public double[] True(int trial, int step)
    {
        var (a, r, v0, b, w0) = Parameters(trial);
        var decay = Math.Exp(-r * step);
        return [a + ((v0 - a) * decay), b + ((w0 - b) * decay)];
    }

    /// <summary>The vectors a trial reports at steps 0, 1, ..., steps - 1: the curves plus noise.</summary>
    public double[][] Observed(int trial)
    {
        var first = _first.Observed(trial);
        var second = _second.Observed(trial);
        var vectors = new double[steps][];
        for (var t = 0; t < steps; t++)
        {
            var truth = True(trial, t);

            // The second stream's noise at the step: its observed value less its own noise-free curve.
            vectors[t] = [first[t], truth[1] + (second[t] - _second.True(trial, t))];
        }

        return vectors;
    }

    private (double A, double R, double V0, double B, double W0) Parameters(int trial)
    {
        var (a, r, v0) = _first.Parameters(trial);
        var (a2, _, w0) = _second.Parameters(trial);
        return (a, r, v0, 1 - a + (0.2 * (a2 - 0.5)), w0);
    }
}

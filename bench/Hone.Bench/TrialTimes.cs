namespace Hone.Bench;

/// <summary>Throughput and time per trial, computed from the times at which the workers stored their trials.</summary>
internal static class TrialTimes
{
    /// <summary>
    /// Trials per second over the steady part of a run: the trials stored between the 10th and the 90th percentile of
    /// all completion times, over that span. It leaves out the start (first connections, workers released a few
    /// milliseconds apart) and the tail (workers finishing at different times, so fewer run at once); null when the run
    /// stored fewer than 20 trials.
    /// </summary>
    public static double? Steady(IReadOnlyList<WorkerRun> runs)
    {
        var times = runs.SelectMany(r => r.Completions).Order().ToArray();
        if (times.Length < 20)
        {
            return null;
        }

        var (first, last) = (times.Length / 10, times.Length - 1 - (times.Length / 10));
        var span = times[last] - times[first];
        return span > 0 ? (last - first) / span : null;
    }

    /// <summary>
    /// The time per trial in a window of <paramref name="size"/> trials ending at each mark (fewer when a mark is
    /// smaller), counting trials in the order all workers stored them, so that a window describes the study at that
    /// size. A trial's time runs from its worker's previous trial (or its start) to its own completion; its processor
    /// time is what its worker's process used meanwhile.
    /// </summary>
    public static List<TrialWindow> Windows(IReadOnlyList<WorkerRun> runs, IReadOnlyList<int> marks, int size)
    {
        var trials = runs
            .SelectMany(r => r.Completions.Select((time, i) => (
                Time: time,
                Seconds: time - (i == 0 ? r.Start : r.Completions[i - 1]),
                Cpu: r.CompletionCpu[i] - (i == 0 ? 0 : r.CompletionCpu[i - 1]))))
            .OrderBy(t => t.Time)
            .ToArray();
        var windows = new List<TrialWindow>();
        foreach (var mark in marks.Where(m => m <= trials.Length))
        {
            var count = Math.Min(size, mark);
            var window = trials[(mark - count)..mark];
            var milliseconds = window.Select(t => t.Seconds * 1000).Order().ToArray();
            windows.Add(new TrialWindow(
                mark,
                count,
                Quantile(milliseconds, 0.5),
                milliseconds.Average(),
                Quantile(milliseconds, 0.9),
                window.Average(t => t.Cpu * 1000)));
        }

        return windows;
    }

    /// <summary>A quantile of sorted values, interpolated linearly between neighbours.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}

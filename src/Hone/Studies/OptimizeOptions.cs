using Hone.Trials;

namespace Hone.Studies;

/// <summary>How long and how wide to run <see cref="Study.Optimize(Func{Trial, double}, OptimizeOptions?, CancellationToken)"/>.</summary>
public sealed class OptimizeOptions
{
    /// <summary>How many trials this call runs; with <see cref="Timeout"/>, whichever ends first.</summary>
    /// <value>Default: <see langword="null"/>, no limit (then set a <see cref="Timeout"/> or cancel).</value>
    public int? Trials { get; set; }

    /// <summary>How many trials the study should have in all, counting those of every worker and of earlier runs; no new
    /// trial starts once it has them, and waiting (enqueued or retried) trials still run.</summary>
    /// <value>Default: <see langword="null"/>, no limit. Workers sharing a study each pass the same total and together
    /// never pass it: the count is taken by the storage as each trial starts. Every trial counts, failed ones included,
    /// except one replaced by its retry (<see cref="StudyOptions.Retry"/>).</value>
    public int? TotalTrials { get; set; }

    /// <summary>After this long no new trial starts; running ones finish.</summary>
    /// <value>Default: <see langword="null"/>, no limit.</value>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many trials run at once.</summary>
    /// <value>Default: 1, trials run one after another on the calling thread.</value>
    public int Parallelism { get; set; } = 1;

    /// <summary>Exception types recorded as a failed trial while the study goes on; any other exception fails the
    /// trial and is rethrown.</summary>
    /// <value>Default: empty, every exception is rethrown after its trial is recorded as failed.</value>
    public IList<Type> Catch { get; set; } = [];

    /// <summary>Called after each trial has been stored, on the thread that ran it.</summary>
    /// <value>Default: none.</value>
    public IList<Action<Study, FrozenTrial>> Callbacks { get; set; } = [];

    /// <summary>Whether to draw a progress line on standard error.</summary>
    /// <value>Default: <see langword="null"/>, shown when standard error is a terminal and hidden otherwise.</value>
    public bool? ShowProgress { get; set; }
}

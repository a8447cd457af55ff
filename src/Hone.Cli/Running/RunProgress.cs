using System.Diagnostics;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Running;

/// <summary>The counters of one <c>hone run</c>, shared by its workers and read by the progress view.</summary>
/// <param name="directions">The study's directions.</param>
/// <param name="target">How many trials this run should finish, or <see langword="null"/> for as many as the timeout allows.</param>
/// <param name="timeout">When to stop starting trials.</param>
/// <param name="parallelism">How many trials run at once.</param>
/// <param name="previousBest">The best trial of earlier runs, or <see langword="null"/>.</param>
internal sealed class RunProgress(IReadOnlyList<StudyDirection> directions, int? target, TimeSpan? timeout, int parallelism, FrozenTrial? previousBest)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, RunningTrial> _running = [];
    private readonly List<FrozenTrial> _finished = [];
    private TimeSpan _busy;
    private int _ended;

    /// <summary>How many trials this run should finish.</summary>
    public int? Target { get; } = target;

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The trials this run has finished, in the order they finished.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<FrozenTrial> Finished()
    {
        lock (_gate)
        {
            return [.. _finished];
        }
    }

    /// <summary>The trials running now, by number.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<RunningTrial> Running()
    {
        lock (_gate)
        {
            return [.. _running.Values.OrderBy(r => r.Number)];
        }
    }

    /// <summary>Notes a trial that started.</summary>
    /// <param name="trial">Its number and parameters.</param>
    public void Started(RunningTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            _running[trial.Number] = trial;
        }
    }

    /// <summary>Notes a trial's latest report.</summary>
    /// <param name="number">The trial number.</param>
    /// <param name="step">The step.</param>
    /// <param name="values">The values, one per objective.</param>
    public void Reported(int number, int step, IReadOnlyList<double> values)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(number, out var trial))
            {
                _running[number] = trial with { LastStep = step, LastValues = values };
            }
        }
    }

    /// <summary>Notes a trial that ended.</summary>
    /// <param name="stored">The stored trial.</param>
    /// <param name="counted">Whether it counts toward the target (not when it is repeated).</param>
    public void Ended(FrozenTrial stored, bool counted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_gate)
        {
            if (_running.Remove(stored.Number, out var trial))
            {
                _busy += trial.Clock.Elapsed;
                _ended++;
            }

            if (counted)
            {
                _finished.Add(stored);
            }
        }
    }

    /// <summary>A consistent reading of the counters.</summary>
    /// <returns>The snapshot.</returns>
    public RunSnapshot Snapshot()
    {
        lock (_gate)
        {
            var count = _finished.Count;
            var best = previousBest;
            if (directions.Count == 1)
            {
                foreach (var trial in _finished.Where(t => t.State == TrialState.Complete))
                {
                    if (best is null || (directions[0] == StudyDirection.Minimize ? trial.Value < best.Value : trial.Value > best.Value))
                    {
                        best = trial;
                    }
                }
            }

            TimeSpan? eta = null;
            if (_ended > 0)
            {
                var perTrial = _busy / _ended / parallelism;
                if (Target is { } t)
                {
                    eta = perTrial * Math.Max(0, t - count - _running.Count) + (_running.Count > 0 ? perTrial : TimeSpan.Zero);
                }

                if (timeout is { } limit && (eta is null || limit - _clock.Elapsed < eta))
                {
                    eta = limit > _clock.Elapsed ? limit - _clock.Elapsed : TimeSpan.Zero;
                }
            }

            return new RunSnapshot(
                count,
                _running.Count,
                _finished.Count(t => t.State == TrialState.Complete),
                _finished.Count(t => t.State == TrialState.Pruned),
                _finished.Count(t => t.State == TrialState.Failed),
                best,
                _clock.Elapsed,
                eta);
        }
    }
}

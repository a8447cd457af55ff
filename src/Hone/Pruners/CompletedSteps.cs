using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// The intermediate values of a study's complete trials, sorted step by step and kept up to date incrementally: a
/// complete trial never changes, so each is read once, and a pruning decision costs a look-up rather than a pass over
/// every trial and step. Each refresh reads only the trials finished since the previous one
/// (<see cref="Storages.IStorage.GetFinishedTrials"/>).
/// </summary>
/// <remarks>Thread-safe. NaN values are left out: they count neither as values nor as reports.</remarks>
internal sealed class CompletedSteps
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<double>> _byStep = [];
    private readonly FinishedTrialCursor _cursor = new();
    private int _completeRead;

    /// <summary>How many complete trials have been read.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _completeRead;
            }
        }
    }

    /// <summary>Reads the trials that completed since the last call.</summary>
    /// <param name="study">The study.</param>
    public void Refresh(Study study)
    {
        lock (_gate)
        {
            var finished = _cursor.ReadNew(study, out var restarted);
            if (restarted)
            {
                _byStep.Clear();
                _completeRead = 0;
            }

            foreach (var trial in finished)
            {
                if (trial.State == TrialState.Complete)
                {
                    _completeRead++;
                    Add(trial);
                }
            }
        }
    }

    /// <summary>The q-th percentile of the values at a step (linear interpolation between the nearest ranks); NaN when
    /// fewer than <paramref name="minTrials"/> trials reported a number at that step.</summary>
    /// <param name="step">The step.</param>
    /// <param name="q">The percentile, in [0, 100].</param>
    /// <param name="minTrials">The fewest values that make a percentile, at least 1.</param>
    /// <returns>The percentile, or NaN.</returns>
    public double Percentile(int step, double q, int minTrials)
    {
        lock (_gate)
        {
            if (!_byStep.TryGetValue(step, out var values) || values.Count < Math.Max(minTrials, 1))
            {
                return double.NaN;
            }

            var position = q / 100 * (values.Count - 1);
            var below = (int)Math.Floor(position);
            var fraction = position - below;
            if (fraction == 0)
            {
                // Exactly on a rank: no interpolation, which would turn two infinite neighbours into NaN.
                return values[below];
            }

            var above = Math.Min(below + 1, values.Count - 1);
            return values[below] + ((values[above] - values[below]) * fraction);
        }
    }

    private void Add(FrozenTrial trial)
    {
        foreach (var (step, value) in trial.IntermediateValues)
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            if (!_byStep.TryGetValue(step, out var values))
            {
                values = [];
                _byStep[step] = values;
            }

            var index = values.BinarySearch(value);
            values.Insert(index < 0 ? ~index : index, value);
        }
    }
}

using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// The values recorded at each rung of successive halving by one study's finished trials (of one bracket), sorted and
/// kept up to date incrementally: a finished trial never changes, so each is read once, and a rung decision costs a
/// binary search plus a look at the running trials rather than a pass over every trial's attributes. Each refresh reads
/// only the trials finished since the previous one (<see cref="Storages.IStorage.GetFinishedTrials"/>).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class RungValues(Func<FrozenTrial, bool>? competes)
{
    private readonly Lock _gate = new();
    private readonly List<Rung> _byRung = [];
    private readonly FinishedTrialCursor _cursor = new();

    /// <summary>Reads the trials that finished since the last call, and returns the running ones that compete.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The running trials of the study that share the rungs (the trial being judged among them).</returns>
    public List<FrozenTrial> Refresh(Study study)
    {
        lock (_gate)
        {
            var finished = _cursor.ReadNew(study, out var restarted);
            if (restarted)
            {
                _byRung.Clear();
            }

            foreach (var trial in finished)
            {
                if (competes is null || competes(trial))
                {
                    Add(trial);
                }
            }
        }

        var running = new List<FrozenTrial>();
        foreach (var trial in study.GetTrials(TrialState.Running))
        {
            if (competes is null || competes(trial))
            {
                running.Add(trial);
            }
        }

        return running;
    }

    /// <summary>How many finished trials recorded a value at a rung, and how many of those beat a value.</summary>
    /// <param name="rung">The rung.</param>
    /// <param name="value">The value to beat.</param>
    /// <param name="direction">The study's direction.</param>
    /// <returns>The count at the rung and the count strictly better than <paramref name="value"/>.</returns>
    public (int Count, int Better) Compare(int rung, double value, StudyDirection direction)
    {
        lock (_gate)
        {
            if (rung >= _byRung.Count)
            {
                return (0, 0);
            }

            return _byRung[rung].Compare(value, direction);
        }
    }

    private void Add(FrozenTrial trial)
    {
        for (var rung = 0; trial.SystemAttrs.TryGetValue(SuccessiveHalving.RungKey(rung), out var recorded); rung++)
        {
            if (PrunerSteps.ReadNumber(recorded) is not { } value || double.IsNaN(value))
            {
                continue;
            }

            while (_byRung.Count <= rung)
            {
                _byRung.Add(new Rung());
            }

            _byRung[rung].Add(value);
        }
    }

    /// <summary>
    /// The values of one rung: most sorted, the latest few not yet. A value inserted into a sorted list of a thousand
    /// moves the thousand at every rung decision; gathered first and merged 32 at a time, each decision moves about 30
    /// and scans at most 32.
    /// </summary>
    private sealed class Rung
    {
        private const int MergeAt = 32;
        private List<double> _sorted = [];
        private readonly List<double> _recent = [];

        public void Add(double value)
        {
            _recent.Add(value);
            if (_recent.Count < MergeAt)
            {
                return;
            }

            _recent.Sort();
            var merged = new List<double>(_sorted.Count + _recent.Count);
            int i = 0, j = 0;
            while (i < _sorted.Count || j < _recent.Count)
            {
                merged.Add(j == _recent.Count || (i < _sorted.Count && _sorted[i] <= _recent[j]) ? _sorted[i++] : _recent[j++]);
            }

            _sorted = merged;
            _recent.Clear();
        }

        /// <summary>How many values there are, and how many are strictly better than <paramref name="value"/>.</summary>
        public (int Count, int Better) Compare(double value, StudyDirection direction)
        {
            var minimize = direction == StudyDirection.Minimize;
            var better = minimize ? LowerBound(_sorted, value) : _sorted.Count - UpperBound(_sorted, value);
            foreach (var recent in _recent)
            {
                better += (minimize ? recent < value : recent > value) ? 1 : 0;
            }

            return (_sorted.Count + _recent.Count, better);
        }

        /// <summary>The number of values strictly below <paramref name="value"/>.</summary>
        private static int LowerBound(List<double> values, double value)
        {
            int low = 0, high = values.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (values[middle] < value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>The number of values at most <paramref name="value"/>.</summary>
        private static int UpperBound(List<double> values, double value)
        {
            int low = 0, high = values.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (values[middle] <= value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}

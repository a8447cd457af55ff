using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Tpe;

/// <summary>
/// The finished (complete and pruned) trials a TPE sampler has seen, each read once: its rank key, its constraint
/// violation and, per parameter, its value. Trials are rows in the order they were seen.
/// </summary>
/// <remarks>
/// Rank keys follow Optuna: complete trials first, by value (negated when maximizing); then pruned trials, those that
/// reached a later step first, each step by its last intermediate value; then pruned trials that reported nothing.
/// Ties go to the older trial.
/// </remarks>
internal sealed class ObservationHistory
{
    private readonly HashSet<long> _seen = [];
    private readonly List<FrozenTrial> _trials = [];
    private readonly List<int> _numbers = [];
    private readonly List<double> _stepKeys = [];
    private readonly List<double> _scores = [];
    private readonly List<double> _violations = [];
    private readonly List<int> _byNumber = [];
    private readonly Dictionary<(string, Distribution), ObservationColumn> _columns = [];

    /// <summary>The number of rows: finished trials seen so far.</summary>
    public int Count => _trials.Count;

    /// <summary>Whether any trial carries constraint values; then feasibility ranks before value.</summary>
    public bool HasConstraints { get; private set; }

    /// <summary>The rows in trial-number order (oldest first).</summary>
    public ReadOnlySpan<int> ByNumber => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_byNumber);

    /// <summary>The trial of a row.</summary>
    public FrozenTrial Trial(int row) => _trials[row];

    /// <summary>The trial number of a row.</summary>
    public int Number(int row) => _numbers[row];

    /// <summary>Adds the trials not seen before.</summary>
    /// <param name="finished">Complete and pruned trials.</param>
    /// <param name="direction">The study's direction.</param>
    public void Add(IReadOnlyList<FrozenTrial> finished, StudyDirection direction)
    {
        var sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        foreach (var trial in finished)
        {
            if (!_seen.Add(trial.Id))
            {
                continue;
            }

            var (stepKey, score) = RankKey(trial, sign);
            var constraints = trial.Constraints;
            HasConstraints |= constraints is not null;
            var row = _trials.Count;
            _trials.Add(trial);
            _numbers.Add(trial.Number);
            _stepKeys.Add(stepKey);
            _scores.Add(score);
            _violations.Add(constraints is null ? double.NaN : trial.Violation);
            _byNumber.Insert(NumberInsertionPoint(trial.Number), row);
        }
    }

    /// <summary>The column of a parameter, up to date with every row.</summary>
    public ObservationColumn Column(string name, Distribution distribution)
    {
        if (!_columns.TryGetValue((name, distribution), out var column))
        {
            column = new ObservationColumn(name, distribution);
            _columns[(name, distribution)] = column;
        }

        column.Extend(this);
        return column;
    }

    /// <summary>
    /// Marks the <paramref name="below"/> best rows. With constraints, feasible rows come first (best by value) and
    /// infeasible ones after, by violation; a trial without constraint values counts as infinitely violating.
    /// </summary>
    /// <param name="below">How many rows go to the good group, at most <see cref="Count"/>.</param>
    /// <param name="isBelow">Receives, for each row, whether it is in the good group.</param>
    public void Split(int below, Span<bool> isBelow)
    {
        isBelow[..Count].Clear();
        if (!HasConstraints)
        {
            MarkBest(below, isBelow, feasibleOnly: false, byViolation: false);
            return;
        }

        var feasible = 0;
        for (var row = 0; row < Count; row++)
        {
            feasible += _violations[row] == 0 ? 1 : 0;
        }

        if (feasible > below)
        {
            MarkBest(below, isBelow, feasibleOnly: true, byViolation: false);
        }
        else
        {
            MarkBest(below, isBelow, feasibleOnly: false, byViolation: true);
        }
    }

    private static (double StepKey, double Score) RankKey(FrozenTrial trial, double sign)
    {
        if (trial.State == TrialState.Complete)
        {
            return (double.NegativeInfinity, sign * trial.Value);
        }

        if (trial.IntermediateValues.Count == 0)
        {
            return (1, 0);
        }

        var step = int.MinValue;
        var value = double.NaN;
        foreach (var (s, v) in trial.IntermediateValues)
        {
            if (s > step)
            {
                step = s;
                value = v;
            }
        }

        return (-step, double.IsNaN(value) ? double.PositiveInfinity : sign * value);
    }

    /// <summary>Marks the best rows by (violation) or by (step key, score), ties to the lower trial number.</summary>
    private void MarkBest(int count, Span<bool> isBelow, bool feasibleOnly, bool byViolation)
    {
        if (count <= 0)
        {
            return;
        }

        // A sorted buffer of the best rows so far; most rows lose to its last entry after one comparison.
        var best = new int[count];
        var size = 0;
        for (var row = 0; row < Count; row++)
        {
            if (feasibleOnly && _violations[row] != 0)
            {
                continue;
            }

            if (size == count && !Better(row, best[size - 1], byViolation))
            {
                continue;
            }

            var position = size == count ? size - 1 : size;
            while (position > 0 && Better(row, best[position - 1], byViolation))
            {
                best[position] = best[position - 1];
                position--;
            }

            best[position] = row;
            size = Math.Min(size + 1, count);
        }

        for (var i = 0; i < size; i++)
        {
            isBelow[best[i]] = true;
        }
    }

    private bool Better(int a, int b, bool byViolation)
    {
        if (byViolation)
        {
            var va = Violation(a);
            var vb = Violation(b);
            if (va != vb)
            {
                return va < vb;
            }
        }
        else
        {
            if (_stepKeys[a] != _stepKeys[b])
            {
                return _stepKeys[a] < _stepKeys[b];
            }

            if (_scores[a] != _scores[b])
            {
                return _scores[a] < _scores[b];
            }
        }

        return _numbers[a] < _numbers[b];
    }

    private double Violation(int row) => double.IsNaN(_violations[row]) ? double.PositiveInfinity : _violations[row];

    private int NumberInsertionPoint(int number)
    {
        int low = 0, high = _byNumber.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_numbers[_byNumber[middle]] < number)
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

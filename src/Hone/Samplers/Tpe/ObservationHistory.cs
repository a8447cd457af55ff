using Hone.Distributions;
using Hone.Numerics;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Tpe;

/// <summary>
/// The finished (complete and pruned) trials a TPE sampler has seen, each read once: its rank key, its constraint
/// violation and, per parameter, its value. Trials are rows in the order they were seen.
/// </summary>
/// <remarks>
/// <para>Rank keys follow Optuna: complete trials first, by value (negated when maximizing); then pruned trials, those
/// that reached a later step first, each step by its last intermediate value; then pruned trials that reported nothing.
/// Ties go to the older trial.</para>
/// <para>With several objectives, complete trials rank by Pareto front instead (MOTPE; Ozaki et al. 2020,
/// "Multiobjective tree-structured Parzen estimator for computationally expensive optimization problems", GECCO, and
/// 2022, "Multiobjective Tree-Structured Parzen Estimator", JAIR): whole fronts join the good group while they fit, and
/// the front that does not fit gives the greedy hypervolume subset of the size left. Pruned trials rank after the
/// complete ones by the step they reached.</para>
/// </remarks>
internal sealed class ObservationHistory
{
    /// <summary>The weight of a good observation that adds no hypervolume, and the reference offset at zero.</summary>
    private const double Negligible = 1e-12;

    private readonly HashSet<long> _seen = [];
    private readonly List<FrozenTrial> _trials = [];
    private readonly List<int> _numbers = [];
    private readonly List<double> _stepKeys = [];
    private readonly List<double> _scores = [];
    private readonly List<double> _violations = [];
    private readonly List<double[]?> _objectives = [];
    private readonly List<int> _byNumber = [];
    private readonly Dictionary<(string, Distribution), ObservationColumn> _columns = [];

    /// <summary>The number of rows: finished trials seen so far.</summary>
    public int Count => _trials.Count;

    /// <summary>Whether any trial carries constraint values; then feasibility ranks before value.</summary>
    public bool HasConstraints { get; private set; }

    /// <summary>Whether the study has several objectives; then complete trials rank by Pareto front.</summary>
    public bool IsMultiObjective { get; private set; }

    /// <summary>The rows in trial-number order (oldest first).</summary>
    public ReadOnlySpan<int> ByNumber => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_byNumber);

    /// <summary>The trial of a row.</summary>
    public FrozenTrial Trial(int row) => _trials[row];

    /// <summary>The trial number of a row.</summary>
    public int Number(int row) => _numbers[row];

    /// <summary>Adds the trials not seen before.</summary>
    /// <param name="finished">Complete and pruned trials.</param>
    /// <param name="directions">The study's directions.</param>
    public void Add(IReadOnlyList<FrozenTrial> finished, IReadOnlyList<StudyDirection> directions)
    {
        IsMultiObjective = directions.Count > 1;
        var sign = directions[0] == StudyDirection.Minimize ? 1.0 : -1.0;
        foreach (var trial in finished)
        {
            if (!_seen.Add(trial.Id))
            {
                continue;
            }

            var (stepKey, score) = RankKey(trial, sign, IsMultiObjective);
            _objectives.Add(IsMultiObjective && trial.State == TrialState.Complete ? Minimized(trial.Values!, directions) : null);
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
    /// Marks the <paramref name="below"/> best rows. With constraints, feasible rows come first (best by value, or by
    /// Pareto front with several objectives) and infeasible ones after, by violation; a trial without constraint values
    /// counts as infinitely violating.
    /// </summary>
    /// <param name="below">How many rows go to the good group, at most <see cref="Count"/>.</param>
    /// <param name="isBelow">Receives, for each row, whether it is in the good group.</param>
    public void Split(int below, Span<bool> isBelow)
    {
        isBelow[..Count].Clear();
        if (!HasConstraints)
        {
            MarkBestByValue(below, isBelow, feasibleOnly: false);
            return;
        }

        var feasible = 0;
        for (var row = 0; row < Count; row++)
        {
            feasible += _violations[row] == 0 ? 1 : 0;
        }

        if (feasible > below)
        {
            MarkBestByValue(below, isBelow, feasibleOnly: true);
        }
        else
        {
            MarkBest(below, isBelow, feasibleOnly: false, byViolation: true);
        }
    }

    /// <summary>
    /// The weights of the good group's observations with several objectives: for each feasible complete row,
    /// (1 − <paramref name="hypervolumeShare"/>) plus that share of its hypervolume contribution relative to the
    /// group's largest (MOTPE), and a negligible weight for the others.
    /// </summary>
    /// <param name="isBelow">The good-group flag of each row, from <see cref="Split"/>.</param>
    /// <param name="weights">Receives the weight of each good row (other rows are left alone).</param>
    /// <param name="hypervolumeShare">How much of a weight comes from the contribution, in [0, 1]; 1 is Optuna 3.1's weighting, 0 uniform.</param>
    /// <remarks>
    /// The reference point lies just beyond the group's worst value in each objective, so every member's contribution
    /// is positive unless another member equals or dominates it; a tiny floor keeps those in the mixture.
    /// </remarks>
    public void BelowWeights(ReadOnlySpan<bool> isBelow, Span<double> weights, double hypervolumeShare)
    {
        var rows = new List<int>();
        var points = new List<double[]>();
        for (var row = 0; row < Count; row++)
        {
            if (!isBelow[row])
            {
                continue;
            }

            weights[row] = Negligible;
            if (_objectives[row] is { } point && (!HasConstraints || _violations[row] == 0))
            {
                rows.Add(row);
                points.Add(point);
            }
        }

        if (rows.Count == 1)
        {
            weights[rows[0]] = 1;
        }
        else if (rows.Count > 1)
        {
            var contributions = Hypervolume.Contributions(points, JustBeyondWorst(points));
            var largest = 0.0;
            for (var i = 0; i < contributions.Length; i++)
            {
                contributions[i] += Negligible;
                largest = Math.Max(largest, contributions[i]);
            }

            for (var i = 0; i < rows.Count; i++)
            {
                weights[rows[i]] = (1 - hypervolumeShare) + (hypervolumeShare * (contributions[i] / largest));
            }
        }
    }

    /// <summary>The rank key of a trial; with several objectives, fronts rank complete rows and pruned ones rank by step alone.</summary>
    private static (double StepKey, double Score) RankKey(FrozenTrial trial, double sign, bool multiObjective)
    {
        if (trial.State == TrialState.Complete)
        {
            return (double.NegativeInfinity, multiObjective ? 0 : sign * trial.Value);
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

        return (-step, multiObjective ? 0 : double.IsNaN(value) ? double.PositiveInfinity : sign * value);
    }

    private void MarkBestByValue(int count, Span<bool> isBelow, bool feasibleOnly)
    {
        if (IsMultiObjective)
        {
            MarkBestFronts(count, isBelow, feasibleOnly);
        }
        else
        {
            MarkBest(count, isBelow, feasibleOnly, byViolation: false);
        }
    }

    private static double[] Minimized(IReadOnlyList<double> values, IReadOnlyList<StudyDirection> directions)
    {
        var point = new double[directions.Count];
        for (var k = 0; k < point.Length; k++)
        {
            point[k] = directions[k] == StudyDirection.Minimize ? values[k] : -values[k];
        }

        return point;
    }

    /// <summary>A reference point a tenth beyond the worst value of each objective (a tiny positive one at zero).</summary>
    private static double[] JustBeyondWorst(List<double[]> points)
    {
        var reference = (double[])points[0].Clone();
        foreach (var point in points)
        {
            for (var k = 0; k < reference.Length; k++)
            {
                reference[k] = Math.Max(reference[k], point[k]);
            }
        }

        for (var k = 0; k < reference.Length; k++)
        {
            reference[k] = reference[k] == 0 ? Negligible : Math.Max(1.1 * reference[k], 0.9 * reference[k]);
        }

        return reference;
    }

    /// <summary>
    /// Marks the <paramref name="count"/> best complete rows (feasible ones only when asked) by Pareto front: whole
    /// fronts while they fit, then the greedy hypervolume subset of the first front that does not; pruned rows fill
    /// up the rest when there are too few complete ones.
    /// </summary>
    private void MarkBestFronts(int count, Span<bool> isBelow, bool feasibleOnly)
    {
        var rows = new List<int>();
        var points = new List<double[]>();
        for (var row = 0; row < Count; row++)
        {
            if (_objectives[row] is { } point && (!feasibleOnly || _violations[row] == 0))
            {
                rows.Add(row);
                points.Add(point);
            }
        }

        if (rows.Count <= count)
        {
            // Every complete row, then the pruned ones that reached the latest steps: the ranking by step does that.
            MarkBest(count, isBelow, feasibleOnly, byViolation: false);
            return;
        }

        var ranks = Pareto.Ranks(points);
        var sizes = new int[rows.Count + 1];
        foreach (var rank in ranks)
        {
            sizes[rank]++;
        }

        // The fronts that fit whole, then how many the boundary front must give.
        var boundary = 0;
        var taken = 0;
        while (taken + sizes[boundary] <= count)
        {
            taken += sizes[boundary++];
        }

        var front = new List<double[]>(sizes[boundary]);
        var frontRows = new List<int>(sizes[boundary]);
        for (var i = 0; i < rows.Count; i++)
        {
            if (ranks[i] < boundary)
            {
                isBelow[rows[i]] = true;
            }
            else if (ranks[i] == boundary)
            {
                front.Add(points[i]);
                frontRows.Add(rows[i]);
            }
        }

        if (taken < count)
        {
            foreach (var i in Hypervolume.SelectGreedy(front, count - taken, JustBeyondWorst(front)))
            {
                isBelow[frontRows[i]] = true;
            }
        }
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

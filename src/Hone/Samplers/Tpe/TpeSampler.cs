using System.Globalization;
using Hone.Distributions;
using Hone.SearchSpaces;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Tpe;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization"; Watanabe
/// 2023, "Tree-Structured Parzen Estimator: Understanding Its Algorithm Components"): splits the finished trials into a
/// good group and the rest, fits a Parzen estimator l(x) to the good one and g(x) to the rest, and proposes, among
/// candidates drawn from l(x), the one with the highest l(x)/g(x).
/// </summary>
/// <remarks>
/// <para>Samples each parameter on its own by default; with <see cref="TpeSamplerOptions.Multivariate"/> it models the
/// parameters every trial shares jointly, and with <see cref="TpeSamplerOptions.Group"/> each group of parameters that
/// always occur together. The first <see cref="TpeSamplerOptions.StartupTrials"/> trials are sampled at random.</para>
/// <para>Pruned trials count, ranked after complete ones by the step they reached and their last intermediate value;
/// failed trials are ignored. With constraints (<see cref="StudyOptions.Constraints"/>), feasible trials rank before
/// infeasible ones, which rank by violation. With <see cref="TpeSamplerOptions.ConstantLiar"/>, running trials join the
/// rest as if they had the worst value.</para>
/// <para>With several objectives it is MOTPE (Ozaki et al. 2020, "Multiobjective tree-structured Parzen estimator for
/// computationally expensive optimization problems", GECCO; 2022, "Multiobjective Tree-Structured Parzen Estimator",
/// JAIR): the good group takes the best Pareto fronts whole while they fit and, from the front that does not, the
/// subset a greedy hypervolume selection picks; its observations are weighted partly by their hypervolume
/// contributions and partly uniformly (<see cref="TpeSamplerOptions.HypervolumeWeighting"/>) instead of
/// <see cref="TpeSamplerOptions.Weights"/>, which then weighs the rest only. Constraints work as with one
/// objective.</para>
/// <para>Each finished trial is read once and kept in per-parameter columns, so the cost of a trial grows with the
/// number of finished trials only through the kernel evaluations. The same seed run sequentially proposes the same
/// trials.</para>
/// </remarks>
public sealed class TpeSampler : ISampler
{
    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    private readonly TpeSamplerOptions _options;
    private readonly Random _random;
    private readonly ParzenEstimatorBuilder _builder;
    private readonly ObservationHistory _history = new();
    private readonly IntersectionSearchSpace _intersection = new(includePruned: true);
    private readonly GroupDecomposedSearchSpace _groups = new(includePruned: true);
    private readonly List<int> _rows = [];
    private readonly List<double> _values = [];
    private readonly List<double> _weights = [];
    private IReadOnlyList<IReadOnlyDictionary<string, Distribution>> _relativeGroups = [];
    private int _rowsInSpaces;
    private long _refreshedFor = -1;
    private int _splitRows = -1;
    private bool[] _isBelow = [];
    private double[] _belowWeights = [];
    private int[] _componentOfRow = [];
    private double[] _aboveValues = [];
    private int[] _aboveRows = [];
    private int[] _ascending = [];

    /// <summary>Creates a TPE sampler.</summary>
    /// <param name="options">The options; default: univariate TPE with Optuna's defaults and no seed.</param>
    /// <exception cref="ArgumentException">An option is out of its range.</exception>
    public TpeSampler(TpeSamplerOptions? options = null)
    {
        options ??= new TpeSamplerOptions();
        _options = Validate(options);
        _random = _options.Seed is { } seed ? new Random(seed) : new Random();
        _builder = new ParzenEstimatorBuilder(_options);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (!_options.Multivariate)
        {
            return EmptySpace;
        }

        Refresh(study, trial);
        var added = new List<FrozenTrial>(_history.Count - _rowsInSpaces);
        for (var row = _rowsInSpaces; row < _history.Count; row++)
        {
            added.Add(_history.Trial(row));
        }

        _rowsInSpaces = _history.Count;
        _relativeGroups = _options.Group ? _groups.Calculate(added) : [_intersection.Calculate(added)];
        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var group in _relativeGroups)
        {
            foreach (var (name, distribution) in group)
            {
                if (!distribution.IsSingle())
                {
                    space[name] = distribution;
                }
            }
        }

        return space;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            return EmptySample;
        }

        Refresh(study, trial);
        if (_history.Count < _options.StartupTrials)
        {
            return EmptySample;
        }

        var running = Running(study, trial);
        var sample = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in _relativeGroups)
        {
            var names = group.Keys.Where(n => searchSpace.TryGetValue(n, out var d) && d.Equals(group[n])).Order(StringComparer.Ordinal).ToList();
            if (names.Count > 0)
            {
                SampleJointly(names, searchSpace, running, sample);
            }
        }

        return sample;
    }

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        Refresh(study, trial);
        if (_history.Count < _options.StartupTrials)
        {
            return RandomSampler.Sample(_random, distribution);
        }

        var isBelow = Split();
        var column = _history.Column(name, distribution);
        var running = Running(study, trial);

        // The good group: few rows, sorted by the builder.
        _values.Clear();
        _rows.Clear();
        _weights.Clear();
        foreach (var row in _history.ByNumber)
        {
            if (isBelow[row] && !double.IsNaN(column.Value(row)))
            {
                _values.Add(column.Value(row));
                _rows.Add(row);
                AddBelowWeight(row);
            }
        }

        var below = _builder.Univariate(column, _values.ToArray(), _rows.ToArray(), BelowWeights(_weights));
        var above = Above(column, isBelow, running);
        var point = Choose(below, above, [column]);
        return column.Parameter.FromModel(point[0]);
    }

    /// <summary>The model of the other trials for one parameter, running ones included with the constant liar.</summary>
    private ParzenEstimator Above(ObservationColumn column, bool[] isBelow, IReadOnlyList<FrozenTrial> running)
    {
        // Running trials that have the parameter, by number (for age) and by value (for bandwidths).
        var liars = new List<(int Number, double Value)>();
        foreach (var trial in running)
        {
            var value = column.Read(trial.Params);
            if (!double.IsNaN(value))
            {
                liars.Add((trial.Number, value));
            }
        }

        liars.Sort((a, b) => a.Number.CompareTo(b.Number));
        var rowCount = _history.Count;
        var columnValues = column.Values;
        if (!column.Parameter.IsCategorical && liars.Count == 0)
        {
            // The column keeps its rows sorted by value: the rest is read off in that order, without sorting, after
            // one pass in age order for the weights.
            EnsureCapacity(ref _componentOfRow, rowCount);
            var age = 0;
            foreach (var row in _history.ByNumber)
            {
                if (!isBelow[row] && !double.IsNaN(columnValues[row]))
                {
                    _componentOfRow[row] = age++;
                }
            }

            EnsureCapacity(ref _aboveValues, age);
            EnsureCapacity(ref _aboveRows, age);
            EnsureCapacity(ref _ascending, age);
            var ascendingValues = column.AscendingValues;
            var k = 0;
            var ascendingRows = column.Ascending;
            for (var i = 0; i < ascendingRows.Length; i++)
            {
                var row = ascendingRows[i];
                if (!isBelow[row])
                {
                    _aboveValues[k] = ascendingValues[i];
                    _aboveRows[k] = row;
                    _ascending[k++] = _componentOfRow[row];
                }
            }

            return _builder.UnivariateSorted(column, _aboveValues.AsSpan(0, k), _aboveRows.AsSpan(0, k), _ascending.AsSpan(0, k));
        }

        // Categorical kernels need no order; with running trials the builder sorts, which is rare enough.
        EnsureCapacity(ref _aboveValues, rowCount + liars.Count);
        EnsureCapacity(ref _aboveRows, rowCount + liars.Count);
        var count = 0;
        var liar = 0;
        foreach (var row in _history.ByNumber)
        {
            var value = columnValues[row];
            if (isBelow[row] || double.IsNaN(value))
            {
                continue;
            }

            var number = _history.Number(row);
            for (; liar < liars.Count && liars[liar].Number < number; liar++, count++)
            {
                _aboveValues[count] = liars[liar].Value;
                _aboveRows[count] = -1;
            }

            _aboveValues[count] = value;
            _aboveRows[count] = row;
            count++;
        }

        for (; liar < liars.Count; liar++, count++)
        {
            _aboveValues[count] = liars[liar].Value;
            _aboveRows[count] = -1;
        }

        return _builder.Univariate(column, _aboveValues.AsSpan(0, count), _aboveRows.AsSpan(0, count));
    }

    /// <summary>Samples a group of parameters from one joint model and writes their internal values.</summary>
    private void SampleJointly(
        List<string> names,
        IReadOnlyDictionary<string, Distribution> space,
        IReadOnlyList<FrozenTrial> running,
        Dictionary<string, double> sample)
    {
        var isBelow = Split();
        var columns = names.Select(n => _history.Column(n, space[n])).ToArray();
        var belowValues = NewColumns(columns.Length, _history.Count);
        _weights.Clear();
        var aboveValues = NewColumns(columns.Length, _history.Count + running.Count);
        int belowCount = 0, aboveCount = 0;
        var liar = 0;
        var liars = running.OrderBy(t => t.Number).Select(t => (t.Number, Values: columns.Select(c => c.Read(t.Params)).ToArray()))
            .Where(l => !l.Values.Any(double.IsNaN)).ToList();
        foreach (var row in _history.ByNumber)
        {
            if (!HasAll(columns, row))
            {
                continue;
            }

            if (isBelow[row])
            {
                for (var d = 0; d < columns.Length; d++)
                {
                    belowValues[d][belowCount] = columns[d].Value(row);
                }

                AddBelowWeight(row);
                belowCount++;
                continue;
            }

            for (; liar < liars.Count && liars[liar].Number < _history.Number(row); liar++, aboveCount++)
            {
                for (var d = 0; d < columns.Length; d++)
                {
                    aboveValues[d][aboveCount] = liars[liar].Values[d];
                }
            }

            for (var d = 0; d < columns.Length; d++)
            {
                aboveValues[d][aboveCount] = columns[d].Value(row);
            }

            aboveCount++;
        }

        for (; liar < liars.Count; liar++, aboveCount++)
        {
            for (var d = 0; d < columns.Length; d++)
            {
                aboveValues[d][aboveCount] = liars[liar].Values[d];
            }
        }

        var below = _builder.Multivariate(columns, belowValues, belowCount, BelowWeights(_weights));
        var above = _builder.Multivariate(columns, aboveValues, aboveCount);
        var point = Choose(below, above, columns);
        for (var d = 0; d < columns.Length; d++)
        {
            sample[names[d]] = columns[d].Parameter.FromModel(point[d]);
        }
    }

    /// <summary>Draws candidates from l(x) and returns the one that maximizes ln l(x) − ln g(x), in kernel space.</summary>
    private double[] Choose(ParzenEstimator below, ParzenEstimator above, IReadOnlyList<ObservationColumn> columns)
    {
        var count = _options.EiCandidates;
        var points = NewColumns(columns.Count, count);
        below.Sample(_random, points, count);

        // Score the values the trial would really get: rounded to the grid, clamped into the range.
        for (var d = 0; d < columns.Count; d++)
        {
            var parameter = columns[d].Parameter;
            for (var i = 0; i < count; i++)
            {
                points[d][i] = parameter.ToModel(parameter.FromModel(points[d][i]));
            }
        }

        var logL = new double[count];
        var logG = new double[count];
        below.LogPdf(points, count, logL);
        above.LogPdf(points, count, logG);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            var score = logL[i] - logG[i];
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        var point = new double[columns.Count];
        for (var d = 0; d < columns.Count; d++)
        {
            point[d] = points[d][best];
        }

        return point;
    }

    /// <summary>Reads the trials that finished since the last trial; once per trial, so a trial sees one history.</summary>
    private void Refresh(Study study, Trial trial)
    {
        if (_refreshedFor == trial.Id)
        {
            return;
        }

        _history.Add(study.GetTrials(TrialState.Complete, TrialState.Pruned), study.Directions);
        _refreshedFor = trial.Id;
    }

    /// <summary>The good-group flag of each row for the current history.</summary>
    private bool[] Split()
    {
        if (_splitRows == _history.Count)
        {
            return _isBelow;
        }

        var finished = _history.Count;

        // With no finished trial (StartupTrials = 0) there is nothing to split, and γ(0) may well be 0.
        var below = finished == 0 ? 1 : _options.Gamma(finished);
        if (below < 1)
        {
            throw new InvalidOperationException(GammaMessage(below, finished));
        }

        if (_isBelow.Length < finished)
        {
            _isBelow = new bool[Math.Max(finished, _isBelow.Length * 2)];
        }

        _history.Split(Math.Min(below, finished), _isBelow);
        if (_history.IsMultiObjective)
        {
            EnsureCapacity(ref _belowWeights, finished);
            _history.BelowWeights(_isBelow, _belowWeights, _options.HypervolumeWeighting);
        }

        _splitRows = finished;
        return _isBelow;
    }

    /// <summary>Gathers a good row's hypervolume weight with several objectives.</summary>
    private void AddBelowWeight(int row)
    {
        if (_history.IsMultiObjective)
        {
            _weights.Add(_belowWeights[row]);
        }
    }

    /// <summary>The hypervolume weights of the good observations gathered with several objectives; empty (weights by age) otherwise.</summary>
    private ReadOnlySpan<double> BelowWeights(List<double> gathered) =>
        _history.IsMultiObjective ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(gathered) : default;

    /// <summary>The other running trials, for the constant liar; none without it.</summary>
    private IReadOnlyList<FrozenTrial> Running(Study study, Trial trial)
    {
        if (!_options.ConstantLiar)
        {
            return [];
        }

        var running = study.GetTrials(TrialState.Running);
        return running.Where(t => t.Id != trial.Id).ToList();
    }

    private static bool HasAll(ObservationColumn[] columns, int row)
    {
        foreach (var column in columns)
        {
            if (double.IsNaN(column.Value(row)))
            {
                return false;
            }
        }

        return true;
    }

    private static void EnsureCapacity<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }
    }

    private static double[][] NewColumns(int columns, int length)
    {
        var result = new double[columns][];
        for (var d = 0; d < columns; d++)
        {
            result[d] = new double[length];
        }

        return result;
    }

    private static string GammaMessage(int below, int finished) => string.Create(
        CultureInfo.InvariantCulture,
        $"TpeSamplerOptions.Gamma must return at least 1, but returned {below} for {finished} finished trials. Return a positive group size, such as TpeSamplerOptions.DefaultGamma does.");

    private static TpeSamplerOptions Validate(TpeSamplerOptions options)
    {
        static ArgumentException Bad(string rule) => new(rule, nameof(options));
        if (options.Gamma is null)
        {
            throw Bad("TpeSamplerOptions.Gamma must not be null. Leave the default (TpeSamplerOptions.DefaultGamma) or give a function.");
        }

        if (options.Weights is null)
        {
            throw Bad("TpeSamplerOptions.Weights must not be null. Leave the default (TpeSamplerOptions.DefaultWeights) or give a function.");
        }

        if (!(options.PriorWeight > 0) || !double.IsFinite(options.PriorWeight))
        {
            throw Bad(string.Create(CultureInfo.InvariantCulture, $"TpeSamplerOptions.PriorWeight must be finite and > 0, but got {options.PriorWeight}. The default is 1.0."));
        }

        if (!(options.HypervolumeWeighting >= 0 && options.HypervolumeWeighting <= 1))
        {
            throw Bad(string.Create(CultureInfo.InvariantCulture, $"TpeSamplerOptions.HypervolumeWeighting must lie in [0, 1], but got {options.HypervolumeWeighting}. The default is 0.5; 1 weighs good trials by hypervolume contribution alone, 0 uniformly."));
        }

        if (options.StartupTrials < 0)
        {
            throw Bad(string.Create(CultureInfo.InvariantCulture, $"TpeSamplerOptions.StartupTrials must be >= 0, but got {options.StartupTrials}. The default is 10."));
        }

        if (options.EiCandidates < 1)
        {
            throw Bad(string.Create(CultureInfo.InvariantCulture, $"TpeSamplerOptions.EiCandidates must be >= 1, but got {options.EiCandidates}. The default is 24."));
        }

        if (options.Group && !options.Multivariate)
        {
            throw Bad("TpeSamplerOptions.Group needs Multivariate, but got (Group=true, Multivariate=false). Set Multivariate = true as well.");
        }

        var probe = Math.Max(options.StartupTrials, 1);
        var below = options.Gamma(probe);
        if (below < 1)
        {
            throw Bad(GammaMessage(below, probe));
        }

        return new TpeSamplerOptions
        {
            Gamma = options.Gamma,
            Weights = options.Weights,
            ConsiderPrior = options.ConsiderPrior,
            PriorWeight = options.PriorWeight,
            HypervolumeWeighting = options.HypervolumeWeighting,
            ConsiderMagicClip = options.ConsiderMagicClip,
            ConsiderEndpoints = options.ConsiderEndpoints,
            StartupTrials = options.StartupTrials,
            EiCandidates = options.EiCandidates,
            Multivariate = options.Multivariate,
            Group = options.Group,
            ConstantLiar = options.ConstantLiar,
            Seed = options.Seed,
        };
    }
}

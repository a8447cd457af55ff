using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hone.Distributions;
using Hone.SearchSpaces;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers;

/// <summary>
/// Grid search: evaluates each point of a grid of parameter values exactly once, then stops the study.
/// </summary>
/// <remarks>
/// <para>Point ids number the grid in order, the last parameter varying fastest (parameters in name order for a plain
/// <see cref="GridSamplerOptions.Grid"/>, in declaration order for a <see cref="GridSamplerOptions.SearchSpace"/>).
/// When a trial starts, the sampler claims the next unclaimed point in its visiting order in the storage
/// (<see cref="IStorage.TryClaim"/>, key <c>grid:&lt;id&gt;</c>), so parallel workers and several processes sharing
/// the study never evaluate a point twice, and a resumed study goes on with the points left. The id is kept in the
/// trial's system attribute <c>grid_id</c>, and each parameter the objective suggests takes that point's value. A point
/// is used up once claimed, even if its trial fails or is pruned.</para>
/// <para><see cref="IsExhausted"/> turns true once every point is claimed (and no enqueued trial waits), which ends
/// <c>Optimize</c>. It first looks in the storage at the next point this sampler takes for unclaimed
/// (<see cref="IStorage.IsClaimed"/>), and reads every claim if another process took it, so a worker that other
/// processes have left behind stops without starting a trial. Only a worker that loses the last point in the moment
/// between that look and its trial's start finds none left: that trial is stored as failed ("The sampler could not
/// start the trial") and the worker stops.</para>
/// <para>An enqueued trial takes the first unclaimed point that agrees with its fixed grid parameters, so a
/// partially fixed trial is completed from the grid and a fully fixed one that lies on the grid is not evaluated
/// again. One that agrees with no unclaimed point runs with its fixed values only.</para>
/// <para>Errors: a parameter the grid does not name, a grid value outside the suggested distribution, and (with
/// <see cref="GridSamplerOptions.RequireEveryParameter"/>) a grid parameter a complete trial never suggested. A
/// study remembers a fingerprint of its grid, so that resuming it with another grid fails rather than mixing up ids.</para>
/// </remarks>
public sealed class GridSampler : ISampler
{
    /// <summary>The trial system attribute that holds the trial's grid point id.</summary>
    internal const string GridIdKey = "grid_id";

    /// <summary>The study system attribute that holds the fingerprint of the grid searched.</summary>
    internal const string FingerprintKey = "grid:fingerprint";

    /// <summary>The most points a grid may have: more is no longer an exhaustive search one can wait for.</summary>
    internal const int MaxPoints = 10_000_000;

    private const string ClaimPrefix = "grid:";
    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    private readonly string[] _names;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly object?[][] _values;

    /// <summary>For a product grid, how many points each step of a parameter's value index spans.</summary>
    private readonly long[] _strides;

    /// <summary>For a grid with conditions, the value index of each parameter at each point (-1: absent); else null.</summary>
    private readonly int[]? _rows;

    private readonly int[]? _order;
    private readonly bool _requireEveryParameter;
    private readonly string _fingerprint;

    private IStorage? _storage;
    private long _studyId;
    private BitArray _claimed = new(0);
    private int _claimedCount;
    private int _cursor;
    private bool? _sameGrid;

    /// <summary>Creates a grid sampler.</summary>
    /// <param name="options">The grid, and how to visit it.</param>
    /// <exception cref="ArgumentException">No grid is given, a parameter has no value or a repeated one, a float
    /// without a step has no values, or the grid has more than 10,000,000 points.</exception>
    public GridSampler(GridSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Grid is null && options.SearchSpace is null)
        {
            throw new ArgumentException(
                "GridSamplerOptions needs a Grid or a SearchSpace, but both are null. Give the values to try for each parameter.",
                nameof(options));
        }

        var given = ReadGrid(options.Grid);
        ParameterCondition?[] conditions;
        if (options.SearchSpace is not { } space)
        {
            _names = [.. given.Keys.Order(StringComparer.Ordinal)];
            _values = [.. _names.Select(n => given[n])];
            conditions = new ParameterCondition?[_names.Length];
        }
        else
        {
            var unknown = given.Keys.Where(n => !space.Parameters.Any(p => p.Name == n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException(
                    $"GridSamplerOptions.Grid names {Quote(unknown)}, which the search space does not declare. Declare it in the SearchSpace or drop it from the Grid.",
                    nameof(options));
            }

            _names = [.. space.Parameters.Select(p => p.Name)];
            _values = [.. space.Parameters.Select(p => given.TryGetValue(p.Name, out var values) ? values : Enumerate(p.Name, p.Distribution))];
            conditions = [.. space.Parameters.Select(p => p.Condition)];
        }

        if (_names.Length == 0)
        {
            throw new ArgumentException("The grid names no parameter. Give the values to try for at least one.", nameof(options));
        }

        for (var i = 0; i < _names.Length; i++)
        {
            _index[_names[i]] = i;
        }

        _strides = new long[_names.Length];
        if (conditions.Any(c => c is not null))
        {
            _rows = Walk(conditions);
            Count = _rows.Length / _names.Length;
        }
        else
        {
            long count = 1;
            for (var i = _names.Length - 1; i >= 0; i--)
            {
                _strides[i] = count;
                count *= _values[i].Length;
                CheckSize(count);
            }

            Count = (int)count;
        }

        if (options.Shuffle)
        {
            _order = [.. Enumerable.Range(0, Count)];
            (options.Seed is { } seed ? new Random(seed) : new Random()).Shuffle(_order);
        }

        _requireEveryParameter = options.RequireEveryParameter;
        _fingerprint = Fingerprint(conditions);
    }

    /// <summary>The number of points in the grid.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) => EmptySpace;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => EmptySample;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The grid does not name the parameter, or the trial has no grid
    /// point that gives it a value.</exception>
    /// <exception cref="ArgumentException">The grid value lies outside <paramref name="distribution"/>.</exception>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!_index.TryGetValue(name, out var parameter))
        {
            throw new InvalidOperationException(
                $"The objective suggests '{name}', which the grid does not name (it names {Quote(_names)}). Add '{name}' to the grid, or fix the name in the objective.");
        }

        if (GridId(trial) is not { } id)
        {
            throw new InvalidOperationException(
                $"Trial {trial.Number} was enqueued with values that match no unclaimed grid point, and suggests '{name}', which it does not fix. Enqueue a value for every parameter, or values that lie on the grid.");
        }

        var valueIndex = ValueIndex(id, parameter);
        if (valueIndex < 0)
        {
            throw new InvalidOperationException(
                $"The objective suggests '{name}' in trial {trial.Number}, but grid point {id} leaves it out because its search space condition does not hold. Make the objective follow the conditions of the search space.");
        }

        var value = _values[parameter][valueIndex];
        double internalValue;
        try
        {
            internalValue = distribution.ToInternal(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The grid value {Format(value)} of '{name}' does not fit {distribution}: {e.Message} Fix the grid or the distribution.", e);
        }

        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException($"The grid value {Format(value)} of '{name}' lies outside {distribution}. Fix the grid or the distribution.");
        }

        return internalValue;
    }

    /// <inheritdoc/>
    public bool IsExhausted(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        Attach(study);
        SkipClaimed();

        // Other processes claim points too, unseen until a claim fails. Looking at the next point first means a worker
        // whose view is behind learns of their claims before it starts a trial, not in a trial the grid can no longer fill.
        if (_cursor < Count && study.Storage.IsClaimed(study.Id, ClaimKey(Order(_cursor))))
        {
            ReadClaims(study);
            SkipClaimed();
        }

        // With another grid's claims in the study, go on so that the next trial reports the mismatch.
        return _cursor == Count && IsSameGrid(study) && study.GetTrials(TrialState.Waiting).Count == 0;
    }

    /// <inheritdoc/>
    /// <exception cref="SearchSpaceExhaustedException">Every grid point is claimed.</exception>
    /// <exception cref="InvalidOperationException">The study was searched with another grid.</exception>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        Attach(study);
        if (!IsSameGrid(study))
        {
            throw new InvalidOperationException(
                $"Study '{study.Name}' was searched with another grid (fingerprint {study.SystemAttrs[FingerprintKey]}, this one {_fingerprint}), so its grid ids name other points. "
                + "Resume it with the same grid, parameters in the same order, or start a new study.");
        }

        if (trial.SystemAttrs.ContainsKey(GridIdKey))
        {
            return;
        }

        var fixedValues = new List<(int Parameter, object? Value)>();
        foreach (var (name, value) in trial.FixedParams)
        {
            if (_index.TryGetValue(name, out var parameter))
            {
                fixedValues.Add((parameter, value));
            }
        }

        if (fixedValues.Count > 0)
        {
            ClaimMatching(study, trial, fixedValues);
        }
        else if (!ClaimNext(study, trial))
        {
            throw new SearchSpaceExhaustedException(string.Create(
                CultureInfo.InvariantCulture,
                $"All {Count} points of the grid have been claimed: the grid search of study '{study.Name}' is complete."));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The trial is complete but never suggested a parameter its grid point
    /// names, and <see cref="GridSamplerOptions.RequireEveryParameter"/> is set.</exception>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!_requireEveryParameter || state != TrialState.Complete || GridId(trial) is not { } id)
        {
            return;
        }

        var suggested = trial.Params;
        var missing = new List<string>();
        for (var i = 0; i < _names.Length; i++)
        {
            if (ValueIndex(id, i) >= 0 && !suggested.ContainsKey(_names[i]))
            {
                missing.Add(_names[i]);
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Trial {trial.Number} never suggested {Quote(missing)}, which the grid names. Fix the name in the grid or in the objective; "
                + "for an objective with branches, describe them by conditions in GridSamplerOptions.SearchSpace, or set RequireEveryParameter to false.");
        }
    }

    /// <summary>The value index of a parameter at a point; -1 when the point leaves the parameter out.</summary>
    private int ValueIndex(int id, int parameter) =>
        _rows is not null ? _rows[((long)id * _names.Length) + parameter] : (int)(id / _strides[parameter] % _values[parameter].Length);

    private int Order(int position) => _order is null ? position : _order[position];

    private static string ClaimKey(int id) => ClaimPrefix + id.ToString(CultureInfo.InvariantCulture);

    private static int? GridId(Trial trial) =>
        trial.SystemAttrs.TryGetValue(GridIdKey, out var value) && value is long id ? (int)id : null;

    /// <summary>Resets what the sampler knows of a study when it is used with another one, and reads its claims.</summary>
    private void Attach(Study study)
    {
        if (ReferenceEquals(_storage, study.Storage) && _studyId == study.Id)
        {
            return;
        }

        _storage = study.Storage;
        _studyId = study.Id;
        _claimed = new BitArray(Count);
        _claimedCount = 0;
        _cursor = 0;
        _sameGrid = null;
        ReadClaims(study);
    }

    /// <summary>Learns the points claimed so far, by this process or others.</summary>
    private void ReadClaims(Study study)
    {
        foreach (var key in study.Storage.GetClaims(study.Id))
        {
            if (key.StartsWith(ClaimPrefix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(ClaimPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && id < Count)
            {
                MarkClaimed(id);
            }
        }
    }

    private void MarkClaimed(int id)
    {
        if (!_claimed[id])
        {
            _claimed[id] = true;
            _claimedCount++;
        }
    }

    /// <summary>Moves the cursor past claimed points: every position before it is claimed, for good.</summary>
    private void SkipClaimed()
    {
        while (_cursor < Count && _claimed[Order(_cursor)])
        {
            _cursor++;
        }
    }

    private bool TryClaim(Study study, Trial trial, int id)
    {
        var claimed = study.Storage.TryClaim(study.Id, ClaimKey(id));
        MarkClaimed(id);
        if (claimed)
        {
            trial.SetSystemAttr(GridIdKey, (long)id);
        }

        return claimed;
    }

    private bool ClaimNext(Study study, Trial trial)
    {
        var refreshed = false;
        while (true)
        {
            SkipClaimed();
            if (_cursor == Count)
            {
                return false;
            }

            if (TryClaim(study, trial, Order(_cursor)))
            {
                return true;
            }

            if (!refreshed)
            {
                // Another process is claiming too: learn all it took at once rather than collide point by point.
                ReadClaims(study);
                refreshed = true;
            }
        }
    }

    private void ClaimMatching(Study study, Trial trial, List<(int Parameter, object? Value)> fixedValues)
    {
        if (_claimedCount == Count)
        {
            return;
        }

        for (var position = _cursor; position < Count; position++)
        {
            var id = Order(position);
            if (!_claimed[id] && Matches(id, fixedValues) && TryClaim(study, trial, id))
            {
                return;
            }
        }
    }

    private bool Matches(int id, List<(int Parameter, object? Value)> fixedValues)
    {
        foreach (var (parameter, value) in fixedValues)
        {
            var valueIndex = ValueIndex(id, parameter);
            if (valueIndex < 0 || !SameValue(_values[parameter][valueIndex], value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the study was searched with this grid, or with none yet (then it records this one's fingerprint).</summary>
    private bool IsSameGrid(Study study)
    {
        if (_sameGrid is { } known)
        {
            return known;
        }

        if (!study.SystemAttrs.TryGetValue(FingerprintKey, out var stored))
        {
            study.SetSystemAttr(FingerprintKey, _fingerprint);
            stored = _fingerprint;
        }

        _sameGrid = stored is string text && text == _fingerprint;
        return _sameGrid.Value;
    }

    /// <summary>Every point of a grid with conditions, as rows of value indices: a parameter whose condition fails is left out.</summary>
    private int[] Walk(ParameterCondition?[] conditions)
    {
        var rows = new List<int>();
        var current = new int[_names.Length];
        void Visit(int parameter)
        {
            if (parameter == _names.Length)
            {
                rows.AddRange(current);
                CheckSize(rows.Count / _names.Length);
                return;
            }

            if (conditions[parameter] is { } condition)
            {
                var parent = _index[condition.Parameter];
                if (current[parent] < 0 || !condition.IsMetBy(_values[parent][current[parent]]))
                {
                    current[parameter] = -1;
                    Visit(parameter + 1);
                    return;
                }
            }

            for (var v = 0; v < _values[parameter].Length; v++)
            {
                current[parameter] = v;
                Visit(parameter + 1);
            }
        }

        Visit(0);
        return [.. rows];
    }

    private string Fingerprint(ParameterCondition?[] conditions)
    {
        var text = new StringBuilder();
        for (var i = 0; i < _names.Length; i++)
        {
            text.Append(AttributeValues.ToJson(_names[i])).Append('=');
            text.AppendJoin(',', _values[i].Select(AttributeValues.ToJson));
            if (conditions[i] is { } condition)
            {
                text.Append(" if ").Append(AttributeValues.ToJson(condition.Parameter)).Append(" in ");
                text.AppendJoin(',', condition.Values.Select(AttributeValues.ToJson));
            }

            text.Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static Dictionary<string, object?[]> ReadGrid(IReadOnlyDictionary<string, IReadOnlyList<object?>>? grid)
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        if (grid is null)
        {
            return result;
        }

        foreach (var (name, values) in grid)
        {
            if (values is null || values.Count == 0)
            {
                throw new ArgumentException(
                    $"GridSamplerOptions.Grid['{name}'] must hold at least one value, but is {(values is null ? "null" : "empty")}. List the values to try.",
                    nameof(grid));
            }

            var normalized = new object?[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                try
                {
                    normalized[i] = CategoricalDistribution.Normalize(values[i]);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"GridSamplerOptions.Grid['{name}'] holds an unusable value: {e.Message}", nameof(grid), e);
                }

                if (Array.IndexOf(normalized, normalized[i], 0, i) >= 0)
                {
                    throw new ArgumentException(
                        $"GridSamplerOptions.Grid['{name}'] holds {Format(normalized[i])} twice, which would evaluate its points twice. List each value once.",
                        nameof(grid));
                }
            }

            result[name] = normalized;
        }

        return result;
    }

    /// <summary>Every value of a parameter that can be listed: ints, categoricals and floats with a step.</summary>
    private static object?[] Enumerate(string name, Distribution distribution)
    {
        switch (distribution)
        {
            case CategoricalDistribution c:
                return [.. c.Choices];
            case IntDistribution i:
            {
                var count = (((long)i.High - i.Low) / i.Step) + 1;
                CheckSize(count);
                var values = new object?[count];
                for (var k = 0; k < count; k++)
                {
                    values[k] = i.Low + ((long)k * i.Step);
                }

                return values;
            }

            case FloatDistribution { Step: { } step } f:
            {
                var count = (long)Math.Round((f.High - f.Low) / step) + 1;
                CheckSize(count);
                var values = new object?[count];
                for (var k = 0; k < count; k++)
                {
                    values[k] = f.Round(f.Low + (k * step));
                }

                return values;
            }

            default:
                throw new ArgumentException(
                    $"Parameter '{name}' of the search space is {distribution}, whose values cannot be listed. "
                    + $"Give them in GridSamplerOptions.Grid, such as ['{name}'] = [0.001, 0.01, 0.1], or give the parameter a step.");
        }
    }

    private static void CheckSize(long count)
    {
        if (count > MaxPoints)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The grid has more than {MaxPoints:N0} points ({count:N0} so far), too many to search exhaustively. Use fewer values, or a QmcSampler or RandomSampler."));
        }
    }

    /// <summary>Whether a grid value and a fixed (enqueued) value are the same, 2 and 2.0 included.</summary>
    private static bool SameValue(object? gridValue, object? fixedValue) =>
        Equals(gridValue, fixedValue)
        || (gridValue is long or double && fixedValue is long or double
            && Convert.ToDouble(gridValue, CultureInfo.InvariantCulture) == Convert.ToDouble(fixedValue, CultureInfo.InvariantCulture));

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

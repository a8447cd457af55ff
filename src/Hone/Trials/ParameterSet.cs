using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Hone.Distributions;

namespace Hone.Trials;

/// <summary>
/// The parameters of a trial: names, distributions and internal values, read as a dictionary of external values.
/// </summary>
/// <remarks>
/// Kept as three parallel arrays rather than three dictionaries, since a study may hold 100,000 trials in memory;
/// lookups scan the names, which is faster than hashing for the dozen parameters a trial usually has.
/// Immutable.
/// </remarks>
public sealed class ParameterSet : IReadOnlyDictionary<string, object?>
{
    private readonly string[] _names;
    private readonly Distribution[] _distributions;
    private readonly double[] _values;

    internal ParameterSet(string[] names, Distribution[] distributions, double[] values)
    {
        _names = names;
        _distributions = distributions;
        _values = values;
    }

    /// <summary>A set with no parameters.</summary>
    public static ParameterSet Empty { get; } = new([], [], []);

    /// <summary>The internal representation of each parameter.</summary>
    public IReadOnlyDictionary<string, double> Internal => new View<double>(_names, _values);

    /// <summary>The distribution of each parameter.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions => new View<Distribution>(_names, _distributions);

    /// <inheritdoc/>
    public int Count => _names.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _names;

    /// <inheritdoc/>
    public IEnumerable<object?> Values => _names.Select((_, i) => _distributions[i].ToExternal(_values[i]));

    /// <inheritdoc/>
    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The trial has no parameter '{key}'.");

    /// <summary>Builds a set from (name, distribution, internal value) entries in suggestion order; a repeated name keeps
    /// its first entry.</summary>
    /// <param name="entries">The parameters.</param>
    /// <returns>The set.</returns>
    public static ParameterSet Create(IEnumerable<(string Name, Distribution Distribution, double Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyList<(string Name, Distribution Distribution, double Value)> ?? entries.ToList();
        return list.Count == 0 ? Empty : Empty.With(list);
    }

    /// <summary>This set followed by the given entries whose names it lacks (the first of a repeated name wins).</summary>
    internal ParameterSet With(IReadOnlyList<(string Name, Distribution Distribution, double Value)> added)
    {
        var names = new string[_names.Length + added.Count];
        var distributions = new Distribution[names.Length];
        var values = new double[names.Length];
        _names.CopyTo(names, 0);
        _distributions.CopyTo(distributions, 0);
        _values.CopyTo(values, 0);
        var count = _names.Length;
        foreach (var (name, distribution, value) in added)
        {
            if (Array.IndexOf(names, name, 0, count) < 0)
            {
                names[count] = name;
                distributions[count] = distribution;
                values[count++] = value;
            }
        }

        if (count < names.Length)
        {
            Array.Resize(ref names, count);
            Array.Resize(ref distributions, count);
            Array.Resize(ref values, count);
        }

        return new ParameterSet(names, distributions, values);
    }

    /// <summary>The distribution and internal value of a parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">Its distribution, when found.</param>
    /// <param name="value">Its internal value, when found.</param>
    /// <returns>Whether the trial has the parameter.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out Distribution? distribution, out double value)
    {
        var i = IndexOf(_names, name);
        if (i < 0)
        {
            distribution = null;
            value = double.NaN;
            return false;
        }

        distribution = _distributions[i];
        value = _values[i];
        return true;
    }

    /// <summary>The entries in suggestion order.</summary>
    /// <returns>(name, distribution, internal value) for each parameter.</returns>
    public IEnumerable<(string Name, Distribution Distribution, double Value)> Entries()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return (_names[i], _distributions[i], _values[i]);
        }
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(_names, key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value)
    {
        var i = IndexOf(_names, key);
        value = i < 0 ? null : _distributions[i].ToExternal(_values[i]);
        return i >= 0;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new(_names[i], _distributions[i].ToExternal(_values[i]));
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(string[] names, string name) => Array.IndexOf(names, name);

    private sealed class View<T>(string[] names, T[] items) : IReadOnlyDictionary<string, T>
    {
        public int Count => names.Length;

        public IEnumerable<string> Keys => names;

        public IEnumerable<T> Values => items;

        public T this[string key] =>
            TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The trial has no parameter '{key}'.");

        public bool ContainsKey(string key) => IndexOf(names, key) >= 0;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
        {
            var i = IndexOf(names, key);
            value = i < 0 ? default : items[i];
            return i >= 0;
        }

        public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
        {
            for (var i = 0; i < names.Length; i++)
            {
                yield return new(names[i], items[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

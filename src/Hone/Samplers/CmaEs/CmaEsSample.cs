using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Hone.Samplers.CmaEs;

/// <summary>One joint sample as a read-only map from parameter name to internal value: the space's names and their
/// shared index with one array of values, so that a sample costs one small array rather than a hash map of its own.</summary>
/// <param name="names">The space's names, in order.</param>
/// <param name="index">Each name's position in <paramref name="names"/>.</param>
/// <param name="values">The value of each name, in the same order.</param>
internal sealed class CmaEsSample(string[] names, IReadOnlyDictionary<string, int> index, double[] values) : IReadOnlyDictionary<string, double>
{
    /// <inheritdoc/>
    public int Count => names.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => names;

    /// <inheritdoc/>
    public IEnumerable<double> Values => values;

    /// <inheritdoc/>
    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The sample has no parameter '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => index.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        if (index.TryGetValue(key, out var i))
        {
            value = values[i];
            return true;
        }

        value = 0;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return KeyValuePair.Create(names[i], values[i]);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using Hone.Distributions;

namespace Hone.SearchSpaces;

/// <summary>Makes a parameter exist only when an earlier parameter took one of the given values.</summary>
/// <remarks>Values compare after the same normalization as categorical choices (integers as long, reals as double).</remarks>
public sealed record ParameterCondition
{
    private readonly object?[] _values;

    /// <summary>Creates a condition.</summary>
    /// <param name="parameter">The name of the earlier parameter.</param>
    /// <param name="values">The values of that parameter under which this one exists; at least one.</param>
    /// <exception cref="ArgumentException">No value is given.</exception>
    public ParameterCondition(string parameter, IReadOnlyList<object?> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException($"The condition on '{parameter}' needs at least one value, but got none.", nameof(values));
        }

        Parameter = parameter;
        _values = values.Select(CategoricalDistribution.Normalize).ToArray();
    }

    /// <summary>The name of the earlier parameter.</summary>
    public string Parameter { get; }

    /// <summary>The values under which the conditioned parameter exists.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>Whether the condition holds for the earlier parameter's value.</summary>
    /// <param name="value">The value the earlier parameter took.</param>
    /// <returns><see langword="true"/> when the conditioned parameter exists.</returns>
    public bool IsMetBy(object? value)
    {
        var normalized = CategoricalDistribution.Normalize(value);
        return _values.Any(v => Equals(v, normalized) || (v is long l && normalized is double d && l == d) || (v is double e && normalized is long m && e == m));
    }

    /// <inheritdoc/>
    public bool Equals(ParameterCondition? other) =>
        other is not null && Parameter == other.Parameter && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Parameter, _values.Length);
}

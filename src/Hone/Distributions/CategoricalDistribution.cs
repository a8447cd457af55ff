using System.Globalization;
using System.Text;

namespace Hone.Distributions;

/// <summary>
/// A parameter that takes one of a list of choices: strings, numbers, booleans or <see langword="null"/>.
/// The internal representation is the index of the choice.
/// </summary>
/// <remarks>
/// Choices are normalized when the distribution is built (integers to <see cref="long"/>, other numbers to
/// <see cref="double"/>) so that a distribution read back from storage equals the one the objective declared.
/// </remarks>
public sealed record CategoricalDistribution : Distribution
{
    private readonly object?[] _choices;

    /// <summary>Creates a categorical distribution and validates it.</summary>
    /// <param name="choices">The choices, at least one, each a string, number, boolean or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The list is empty or holds a value of another type.</exception>
    public CategoricalDistribution(IReadOnlyList<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            throw new ArgumentException("choices must hold at least one value, but got an empty list. Pass the values to choose from.");
        }

        _choices = new object?[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            _choices[i] = Normalize(choices[i]);
        }
    }

    /// <summary>The choices, normalized.</summary>
    public IReadOnlyList<object?> Choices => _choices;

    /// <inheritdoc/>
    public override bool IsSingle() => _choices.Length == 1;

    /// <inheritdoc/>
    public override double ToInternal(object? value)
    {
        var normalized = Normalize(value);
        for (var i = 0; i < _choices.Length; i++)
        {
            if (Equals(_choices[i], normalized))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{Format(value)}' is not one of the choices [{string.Join(", ", _choices.Select(Format))}].");
    }

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => _choices[(int)internalValue];

    /// <inheritdoc/>
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < _choices.Length && internalValue == Math.Floor(internalValue);

    /// <inheritdoc/>
    public bool Equals(CategoricalDistribution? other) =>
        other is not null && _choices.AsSpan().SequenceEqual(other._choices);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var choice in _choices)
        {
            hash.Add(choice);
        }

        return hash.ToHashCode();
    }

    /// <summary>Lists the choices in <see cref="object.ToString"/>, which error messages show, instead of the array's type name.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Choices = [").AppendJoin(", ", _choices.Select(Format)).Append(']');
        return true;
    }

    /// <summary>Brings a choice to the one type Hone keeps for its kind.</summary>
    internal static object? Normalize(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        int i => (long)i,
        long l => l,
        short s => (long)s,
        byte b => (long)b,
        uint u => (long)u,
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => (double)f,
        double or float => throw new ArgumentException(
            $"a categorical choice must be a finite number, but got {value}. Use a string such as \"inf\" for a special value."),
        decimal m => (double)m,
        Enum e => e.ToString(),
        _ => throw new ArgumentException(
            $"a categorical choice must be a string, number, boolean or null, but got a {value.GetType().Name} ('{value}'). Use its name or index instead."),
    };

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

using System.Globalization;

namespace Hone.Cli.Running;

/// <summary>
/// A limit a trial's metric must meet (<c>constraints:</c> in a study file), such as <c>latency_ms: {max: 20}</c>.
/// A trial that breaks it still counts, but the best trials are those that meet every limit.
/// </summary>
/// <param name="Name">The metric's name, as the trial prints it in <c>hone: result</c> or <c>hone: attr</c>.</param>
/// <param name="Min">The least value allowed, or <see langword="null"/>.</param>
/// <param name="Max">The largest value allowed, or <see langword="null"/>.</param>
internal sealed record MetricConstraint(string Name, double? Min, double? Max)
{
    /// <summary>How many constraint values this limit gives a trial: one per bound.</summary>
    public int Count => (Min is null ? 0 : 1) + (Max is null ? 0 : 1);

    /// <summary>
    /// The constraint values of a study file's limits for a trial's metrics, in the study's order, each &lt;= 0 when the
    /// limit is met and otherwise by how much it is broken (Hone's convention, <see cref="Studies.StudyOptions.Constraints"/>).
    /// </summary>
    /// <param name="constraints">The study file's limits.</param>
    /// <param name="metrics">The trial's named metrics: its user attributes and the result's values that are no objective.</param>
    /// <returns>The constraint values, or <see langword="null"/> when there are no limits.</returns>
    /// <exception cref="FormatException">A metric is missing or not a number; the message says how to print it.</exception>
    public static double[]? Evaluate(IReadOnlyList<MetricConstraint> constraints, IReadOnlyDictionary<string, object?> metrics)
    {
        if (constraints.Count == 0)
        {
            return null;
        }

        var values = new List<double>(constraints.Sum(c => c.Count));
        foreach (var constraint in constraints)
        {
            var value = metrics.TryGetValue(constraint.Name, out var found)
                ? Number(constraint.Name, found)
                : throw new FormatException($"it printed no value for constraint metric '{constraint.Name}'. Print it with the result, such as 'hone: result ... {constraint.Name}=12.5', or as 'hone: attr {constraint.Name}=12.5'.");
            if (double.IsNaN(value))
            {
                throw new FormatException($"constraint metric '{constraint.Name}' is NaN; print a number, or +inf for a limit badly broken.");
            }

            if (constraint.Min is { } min)
            {
                values.Add(min - value);
            }

            if (constraint.Max is { } max)
            {
                values.Add(value - max);
            }
        }

        return [.. values];
    }

    /// <summary>The limits as one line, for the study's record and for messages: <c>latency_ms &lt;= 20, recall &gt;= 0.8</c>.</summary>
    /// <param name="constraints">The study file's limits.</param>
    /// <returns>The text; empty when there are none.</returns>
    public static string Describe(IReadOnlyList<MetricConstraint> constraints) =>
        string.Join(", ", constraints.Select(c => (c.Min, c.Max) switch
        {
            ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"{min:R} <= {c.Name} <= {max:R}"),
            ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"{c.Name} >= {min:R}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{c.Name} <= {c.Max:R}"),
        }));

    // Attribute lines keep infinities as text; a constraint reads them as numbers.
    private static double Number(string name, object? found) => found switch
    {
        double value => value,
        string text when TrialProtocol.TryNumber(text, out var value) => value,
        _ => throw new FormatException($"constraint metric '{name}' must be a number, but the trial printed '{found}'."),
    };
}

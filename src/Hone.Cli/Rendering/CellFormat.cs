using System.Globalization;
using System.Text.Json;
using Hone.Trials;

namespace Hone.Cli.Rendering;

/// <summary>Turns values into cells: invariant culture, round-trippable numbers in plain output, friendlier forms in a terminal.</summary>
internal static class CellFormat
{
    /// <summary>A number: in plain output written so that parsing it gives the same double back, in a terminal to six significant digits.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The cell.</returns>
    public static Cell Number(double value) =>
        new(value.ToString("R", CultureInfo.InvariantCulture), value.ToString("G6", CultureInfo.InvariantCulture));

    /// <summary>A number, or an empty cell when there is none.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The cell.</returns>
    public static Cell Number(double? value) => value is { } v ? Number(v) : Cell.Empty;

    /// <summary>An integer.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The cell.</returns>
    public static Cell Integer(long value) => Cell.Of(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A trial state, coloured in a terminal.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The cell.</returns>
    public static Cell State(TrialState state)
    {
        var name = state.ToString();
        return new Cell(name, name, state switch
        {
            TrialState.Complete => "green",
            TrialState.Pruned => "yellow",
            TrialState.Failed => "red",
            TrialState.Running => "blue",
            _ => null,
        });
    }

    /// <summary>A duration: seconds in plain output, <c>1.5s</c>, <c>2m 05s</c> or <c>1h 02m</c> in a terminal.</summary>
    /// <param name="duration">The duration, or <see langword="null"/> for a trial that has not finished.</param>
    /// <returns>The cell.</returns>
    public static Cell Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return Cell.Empty;
        }

        var plain = d.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        var rich = d.TotalMinutes < 1
            ? d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : d.TotalHours < 1
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes}m {d.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h {d.Minutes:00}m");
        return new Cell(plain, rich);
    }

    /// <summary>A point in time: ISO 8601 round-trip form in plain output, minutes in UTC in a terminal.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The cell.</returns>
    public static Cell Time(DateTimeOffset? time) => time is { } t
        ? new Cell(
            t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture))
        : Cell.Empty;

    /// <summary>A parameter or attribute value: numbers round-trippable, booleans and null as in JSON, strings as they are.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The cell.</returns>
    public static Cell Value(object? value) => value switch
    {
        double d => Number(d),
        float f => Number(f),
        _ => Cell.Of(Text(value)),
    };

    /// <summary>A value from a dictionary, or an empty cell when the key is absent (a parameter the trial did not suggest).</summary>
    /// <param name="values">The values by name.</param>
    /// <param name="key">The name.</param>
    /// <returns>The cell.</returns>
    public static Cell ValueOf(IReadOnlyDictionary<string, object?> values, string key) =>
        values.TryGetValue(key, out var value) ? Value(value) : Cell.Empty;

    private static string Text(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

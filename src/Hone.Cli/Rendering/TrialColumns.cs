using System.Globalization;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Rendering;

/// <summary>The columns trial tables share: objective values, one per parameter, one per user attribute.</summary>
/// <remarks>Plain keys follow the CSV export (<c>value</c> or <c>values_0</c>, <c>params_NAME</c>, <c>user_attrs_KEY</c>), so both read alike.</remarks>
internal static class TrialColumns
{
    /// <summary>The trials table of <c>hone trials</c> and of <c>hone run</c>'s summary: number, state, values, duration,
    /// one column per parameter, and <c>retry_of</c> (the failed trial a retry repeats) when a trial is a retry.</summary>
    /// <param name="directions">The study's directions.</param>
    /// <param name="trials">The trials, one row each.</param>
    /// <param name="title">The table's title on a terminal.</param>
    /// <returns>The table.</returns>
    public static OutputTable Table(IReadOnlyList<StudyDirection> directions, IReadOnlyList<FrozenTrial> trials, string title)
    {
        var paramNames = ParamNames(trials);
        var retryOf = RetryOf(trials);
        Column[] columns =
        [
            new("number", "#", Numeric: true),
            new("state", "State"),
            .. Values(directions),
            new("duration_seconds", "Duration", Numeric: true),
            .. paramNames.Select(p => Param(p, trials)),
            .. retryOf,
        ];
        var table = new OutputTable(columns) { Title = title };
        foreach (var trial in trials)
        {
            table.AddRow(
            [
                CellFormat.Integer(trial.Number),
                CellFormat.State(trial.State),
                .. Values(trial, directions.Count),
                CellFormat.Duration(trial.Duration),
                .. paramNames.Select(p => CellFormat.ValueOf(trial.Params, p)),
                .. RetryOf(trial, retryOf),
            ]);
        }

        return table;
    }

    /// <summary>The value columns: <c>value</c> for one objective, <c>values_0</c>, <c>values_1</c>, ... for several.</summary>
    /// <param name="directions">The study's directions.</param>
    /// <param name="names">The objectives' names for terminal titles, one per direction, empty for an unnamed one; the
    /// plain keys stay positional.</param>
    /// <returns>The columns.</returns>
    public static IEnumerable<Column> Values(IReadOnlyList<StudyDirection> directions, IReadOnlyList<string>? names = null) =>
        directions.Count == 1
            ? [new Column("value", "Value", Numeric: true)]
            : directions.Select((d, i) => new Column(
                string.Create(CultureInfo.InvariantCulture, $"values_{i}"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(names is not null && names[i].Length > 0 ? names[i] : $"Value {i}")} ({(d == StudyDirection.Minimize ? "min" : "max")})"),
                Numeric: true));

    /// <summary>The value cells of a trial, empty when it has no values.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="count">The number of objectives.</param>
    /// <returns>The cells.</returns>
    public static IEnumerable<Cell> Values(FrozenTrial trial, int count) =>
        Enumerable.Range(0, count).Select(i => trial.Values is { } values ? CellFormat.Number(values[i]) : Cell.Empty);

    /// <summary>The parameter names of the trials, in order of first appearance.</summary>
    /// <param name="trials">The trials.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> ParamNames(IEnumerable<FrozenTrial> trials) =>
        trials.SelectMany(t => t.Params.Keys).Distinct().ToList();

    /// <summary>The user attribute keys of the trials, in order of first appearance.</summary>
    /// <param name="trials">The trials.</param>
    /// <returns>The keys.</returns>
    public static IReadOnlyList<string> UserAttrKeys(IEnumerable<FrozenTrial> trials) =>
        trials.SelectMany(t => t.UserAttrs.Keys).Distinct().ToList();

    /// <summary>The column of a parameter, right-aligned when all its values are numbers.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="trials">The trials shown, to tell whether the values are numbers.</param>
    /// <returns>The column.</returns>
    public static Column Param(string name, IEnumerable<FrozenTrial> trials) =>
        new("params_" + name, name, trials.All(t => !t.Params.TryGetValue(name, out var v) || v is double or long or int));

    /// <summary>The column of a user attribute.</summary>
    /// <param name="key">The attribute key.</param>
    /// <returns>The column.</returns>
    public static Column UserAttr(string key) => new("user_attrs_" + key, key + " (attr)");

    /// <summary>The <c>retry_of</c> column (the failed trial a retry repeats), for tables with a retry among their trials;
    /// none otherwise.</summary>
    /// <param name="trials">The trials of the table.</param>
    /// <returns>The column, or none.</returns>
    public static Column[] RetryOf(IEnumerable<FrozenTrial> trials) =>
        trials.Any(t => t.RetryOf is not null) ? [new Column("retry_of", "Retry of", Numeric: true)] : [];

    /// <summary>A trial's cell under <see cref="RetryOf(IEnumerable{FrozenTrial})"/>, when the table has that column.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="columns">The columns <see cref="RetryOf(IEnumerable{FrozenTrial})"/> gave.</param>
    /// <returns>Its cell, or none.</returns>
    public static Cell[] RetryOf(FrozenTrial trial, Column[] columns) =>
        columns.Length == 0 ? [] : [trial.RetryOf is { } of ? CellFormat.Integer(of) : Cell.Empty];
}

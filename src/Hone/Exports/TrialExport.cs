using System.Globalization;
using System.Text.Json;
using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Exports;

/// <summary>Writes a study's trials as CSV (one row a trial, a column a parameter) or as JSON (the full records).</summary>
/// <remarks>
/// Numbers are written with the invariant culture, round-trippable. The CSV quoting (RFC 4180) is written by hand to
/// keep the core library free of dependencies beyond SQLite.
/// </remarks>
public static class TrialExport
{
    /// <summary>Writes one row per trial: number, state, values, times, then <c>params_NAME</c>, <c>user_attrs_KEY</c> and
    /// <c>fail_reason</c>; then <c>retry_of</c> (the failed trial a retry repeats) when a trial is a retry.</summary>
    /// <param name="study">The study.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteCsv(Study study, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(writer);
        var trials = study.Trials;
        var paramNames = trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        var attrNames = trials.SelectMany(t => t.UserAttrs.Keys).Distinct().ToList();
        var valueColumns = study.Directions.Count == 1
            ? ["value"]
            : Enumerable.Range(0, study.Directions.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"values_{i}")).ToList();
        var header = new List<string> { "number", "state" };
        header.AddRange(valueColumns);
        header.AddRange(["started", "completed", "duration_seconds"]);
        header.AddRange(paramNames.Select(n => "params_" + n));
        header.AddRange(attrNames.Select(n => "user_attrs_" + n));
        header.Add("fail_reason");
        var retries = trials.Any(t => t.RetryOf is not null);
        if (retries)
        {
            header.Add("retry_of");
        }

        WriteRow(writer, header);
        foreach (var trial in trials)
        {
            var row = new List<string> { Number(trial.Number), trial.State.ToString() };
            row.AddRange(Enumerable.Range(0, valueColumns.Count).Select(i => trial.Values is { } v ? Number(v[i]) : string.Empty));
            row.Add(Time(trial.Started));
            row.Add(Time(trial.Completed));
            row.Add(trial.Duration is { } d ? Number(d.TotalSeconds) : string.Empty);
            row.AddRange(paramNames.Select(n => trial.Params.TryGetValue(n, out var p) ? Value(p) : string.Empty));
            row.AddRange(attrNames.Select(n => trial.UserAttrs.TryGetValue(n, out var a) ? Value(a) : string.Empty));
            row.Add(trial.SystemAttrs.TryGetValue(FrozenTrial.FailReasonKey, out var reason) ? Value(reason) : string.Empty);
            if (retries)
            {
                row.Add(trial.RetryOf is { } of ? Number(of) : string.Empty);
            }

            WriteRow(writer, row);
        }
    }

    /// <summary>Writes the study and all its trials as one JSON document; an intermediate value of a multi-objective
    /// trial is an array, one value per objective.</summary>
    /// <param name="study">The study.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteJson(Study study, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("study", study.Name);
            json.WriteStartArray("directions");
            foreach (var direction in study.Directions)
            {
                json.WriteStringValue(direction.ToString());
            }

            json.WriteEndArray();
            json.WriteStartArray("trials");
            foreach (var trial in study.Trials)
            {
                WriteTrial(json, trial);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.WriteLine();
    }

    private static void WriteTrial(Utf8JsonWriter json, FrozenTrial trial)
    {
        json.WriteStartObject();
        json.WriteNumber("number", trial.Number);
        json.WriteString("state", trial.State.ToString());
        if (trial.Values is { } values)
        {
            json.WriteStartArray("values");
            foreach (var value in values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("values");
        }

        WriteTime(json, "started", trial.Started);
        WriteTime(json, "completed", trial.Completed);
        json.WriteStartObject("params");
        foreach (var (name, value) in trial.Params)
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }

        json.WriteEndObject();
        json.WriteStartObject("distributions");
        foreach (var (name, distribution) in trial.Distributions)
        {
            json.WritePropertyName(name);
            JsonSerializer.Serialize(json, distribution);
        }

        json.WriteEndObject();
        json.WriteStartObject("intermediate_values");
        foreach (var (step, value) in trial.IntermediateValues.OrderBy(kv => kv.Key))
        {
            json.WritePropertyName(step.ToString(CultureInfo.InvariantCulture));
            if (trial.IntermediateVectors.TryGetValue(step, out var vector))
            {
                // A multi-objective step: its vector, one value per objective.
                json.WriteStartArray();
                foreach (var element in vector)
                {
                    WriteValue(json, element);
                }

                json.WriteEndArray();
            }
            else
            {
                WriteValue(json, value);
            }
        }

        json.WriteEndObject();
        WriteAttrs(json, "user_attrs", trial.UserAttrs);
        WriteAttrs(json, "system_attrs", trial.SystemAttrs);
        json.WriteEndObject();
    }

    private static void WriteAttrs(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, object?> attrs)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in attrs)
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes a parameter or attribute value as JSON; shared with the PBT lineage export.</summary>
    internal static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case JsonElement element:
                element.WriteTo(json);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case double d when !double.IsFinite(d):
                json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                DistributionJsonConverter.WriteChoice(json, value);
                break;
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A parameter or attribute value as a CSV cell; shared with the PBT lineage export.</summary>
    internal static string Value(object? value) => value switch
    {
        null => string.Empty,
        double d => Number(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JsonElement e => e.GetRawText(),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Writes one CSV row, quoting cells as RFC 4180 asks; shared with the PBT lineage export.</summary>
    internal static void WriteRow(TextWriter writer, IEnumerable<string> cells)
    {
        writer.Write(string.Join(',', cells.Select(Quote)));
        writer.Write("\r\n");
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

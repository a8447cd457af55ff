using System.Globalization;
using System.Text;
using System.Text.Json;
using Hone.Trials;

namespace Hone.Tests.Storages;

/// <summary>Writes every field of a trial as text, so that tests compare records whole and see any change.</summary>
internal static class TrialText
{
    public static string Describe(FrozenTrial trial)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{trial.Number} id={trial.Id} {trial.State}");
        text.Append(" values=[").AppendJoin(",", trial.Values?.Select(Number) ?? ["-"]).Append(']');
        text.Append(" params=[");
        foreach (var (name, distribution, value) in trial.Params.Entries())
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}:{JsonSerializer.Serialize(distribution)}={Number(value)};");
        }

        text.Append("] steps=[");
        foreach (var (step, value) in trial.IntermediateValues.OrderBy(kv => kv.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"{step}={Number(value)};");
        }

        text.Append("] vectors=[");
        foreach (var (step, vector) in trial.IntermediateVectors.OrderBy(kv => kv.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"{step}=").AppendJoin(",", vector.Select(Number)).Append(';');
        }

        text.Append("] user=").Append(Attrs(trial.UserAttrs));
        text.Append(" system=").Append(Attrs(trial.SystemAttrs));
        text.Append(CultureInfo.InvariantCulture, $" started={trial.Started?.UtcTicks} completed={trial.Completed?.UtcTicks}");
        return text.ToString();
    }

    /// <summary>An attribute value with its kind, so that 3 (long) and 3.0 (double) differ.</summary>
    public static string Attr(object? value) => value switch
    {
        null => "null",
        JsonElement e => "json:" + e.GetRawText(),
        double d => "double:" + Number(d),
        IFormattable f => value.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };

    private static string Attrs(IReadOnlyDictionary<string, object?> attrs) =>
        "{" + string.Join(",", attrs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={Attr(kv.Value)}")) + "}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

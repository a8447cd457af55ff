using System.Text.Json;
using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Keeps attribute values in one canonical form, so that every storage returns the same values.</summary>
internal static class AttributeValues
{
    /// <summary>
    /// Strings, booleans, integers (as long) and finite reals pass; NaN and infinities become their invariant text, since
    /// JSON has no number for them; anything else becomes a JSON element.
    /// </summary>
    public static object? Normalize(object? value) => value switch
    {
        double d when !double.IsFinite(d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        float f when !float.IsFinite(f) => ((double)f).ToString(System.Globalization.CultureInfo.InvariantCulture),
        null or string or bool or long or double => value,
        int or short or byte or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        float f => (double)f,
        decimal m => (double)m,
        JsonElement e => FromElement(e),
        _ => JsonSerializer.SerializeToElement(value),
    };

    public static string ToJson(object? value)
    {
        var normalized = Normalize(value);
        if (normalized is JsonElement element)
        {
            return element.GetRawText();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DistributionJsonConverter.WriteChoice(writer, normalized);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static object? FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromElement(document.RootElement.Clone());
    }

    /// <summary>Reads a JSON object of attributes, as the SQL storages keep them.</summary>
    public static IReadOnlyDictionary<string, object?> ParseObject(string json)
    {
        if (json == "{}")
        {
            return new Dictionary<string, object?>();
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Normalize(p.Value.Clone()));
    }

    /// <summary>Writes attributes as one JSON object, each value in the form <see cref="ToJson"/> gives it.</summary>
    public static string ToJsonObject(IReadOnlyDictionary<string, object?> attrs)
    {
        var builder = new System.Text.StringBuilder("{");
        foreach (var (key, value) in attrs)
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(JsonSerializer.Serialize(key)).Append(':').Append(ToJson(value));
        }

        return builder.Append('}').ToString();
    }

    private static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object or JsonValueKind.Array => element.Clone(),
        _ => DistributionJsonConverter.ReadChoice(element),
    };
}

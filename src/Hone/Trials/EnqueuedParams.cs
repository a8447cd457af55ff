using System.Text.Json;
using Hone.Storages;

namespace Hone.Trials;

/// <summary>How the parameters of an enqueued trial are kept in its system attributes.</summary>
internal static class EnqueuedParams
{
    public const string Key = "fixed_params";

    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static object Write(IReadOnlyDictionary<string, object?> parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                // Value by value: JsonSerializer writes the real 1.0 as 1, which would read back as an integer
                // and then match no real categorical choice.
                writer.WritePropertyName(name);
                writer.WriteRawValue(AttributeValues.ToJson(Normalize(value)));
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Enums become their names, as categorical choices do; other values are kept as attributes are.</summary>
    public static object? Normalize(object? value) => value is Enum e ? e.ToString() : AttributeValues.Normalize(value);

    public static IReadOnlyDictionary<string, object?> Read(IReadOnlyDictionary<string, object?> systemAttrs)
    {
        if (!systemAttrs.TryGetValue(Key, out var value) || value is not JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            return None;
        }

        return element.EnumerateObject().ToDictionary(p => p.Name, p => AttributeValues.Normalize(p.Value));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hone.Distributions;

/// <summary>Reads and writes the JSON form of a <see cref="Distribution"/>.</summary>
/// <remarks>Hand-written so that categorical choices keep their kind (string, integer, real, boolean, null) on a round trip.</remarks>
public sealed class DistributionJsonConverter : JsonConverter<Distribution>
{
    /// <inheritdoc/>
    public override Distribution Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FromElement(document.RootElement);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Distribution value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        switch (value)
        {
            case FloatDistribution f:
                writer.WriteString("type", "float");
                writer.WriteNumber("low", f.Low);
                writer.WriteNumber("high", f.High);
                if (f.Log)
                {
                    writer.WriteBoolean("log", true);
                }

                if (f.Step is { } step)
                {
                    writer.WriteNumber("step", step);
                }

                break;
            case IntDistribution i:
                writer.WriteString("type", "int");
                writer.WriteNumber("low", i.Low);
                writer.WriteNumber("high", i.High);
                if (i.Log)
                {
                    writer.WriteBoolean("log", true);
                }

                if (i.Step != 1)
                {
                    writer.WriteNumber("step", i.Step);
                }

                break;
            case CategoricalDistribution c:
                writer.WriteString("type", "categorical");
                writer.WriteStartArray("choices");
                foreach (var choice in c.Choices)
                {
                    WriteChoice(writer, choice);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"Unknown distribution type {value.GetType().Name}.");
        }

        writer.WriteEndObject();
    }

    /// <summary>Builds a distribution from its JSON form, validating it.</summary>
    /// <param name="element">A JSON object with a <c>type</c> of float, int or categorical.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="JsonException">The object is not a valid distribution.</exception>
    public static Distribution FromElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var type))
        {
            throw new JsonException("A distribution must be a JSON object with a \"type\" of \"float\", \"int\" or \"categorical\".");
        }

        try
        {
            return type.GetString() switch
            {
                "float" => new FloatDistribution(
                    Required(element, "low").GetDouble(),
                    Required(element, "high").GetDouble(),
                    element.TryGetProperty("log", out var log) && log.GetBoolean(),
                    element.TryGetProperty("step", out var step) && step.ValueKind != JsonValueKind.Null ? step.GetDouble() : null),
                "int" => new IntDistribution(
                    Required(element, "low").GetInt32(),
                    Required(element, "high").GetInt32(),
                    element.TryGetProperty("log", out var ilog) && ilog.GetBoolean(),
                    element.TryGetProperty("step", out var istep) ? istep.GetInt32() : 1),
                "categorical" => new CategoricalDistribution(
                    Required(element, "choices").EnumerateArray().Select(ReadChoice).ToArray()),
                var other => throw new JsonException($"Unknown distribution type \"{other}\": use \"float\", \"int\" or \"categorical\"."),
            };
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
        catch (FormatException e)
        {
            throw new JsonException($"A distribution field has the wrong kind of value: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"A distribution field has the wrong kind of value: {e.Message}", e);
        }
    }

    /// <summary>Reads one categorical choice, keeping integers apart from reals.</summary>
    internal static object? ReadChoice(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var l) && !element.GetRawText().Contains('.', StringComparison.Ordinal)
            && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new JsonException($"A categorical choice must be a string, number, boolean or null, but got {element.GetRawText()}."),
    };

    /// <summary>Writes one categorical choice, or any parameter value, in its JSON kind.</summary>
    internal static void WriteChoice(Utf8JsonWriter writer, object? choice)
    {
        switch (choice)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double d when double.IsFinite(d):
                // Written with a fraction so that it reads back as a real, not an integer.
                if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
                {
                    writer.WriteRawValue(d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNumberValue(d);
                }

                break;
            case double d:
                writer.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new JsonException($"Cannot write a value of type {choice.GetType().Name}.");
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value
            : throw new JsonException($"A distribution of type \"{element.GetProperty("type").GetString()}\" needs a \"{name}\" field.");
}

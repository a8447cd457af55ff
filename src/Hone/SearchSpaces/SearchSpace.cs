using System.Text.Json;
using Hone.Distributions;
using Hone.Trials;

namespace Hone.SearchSpaces;

/// <summary>
/// A search space declared up front rather than by running code: parameters in order, each with a distribution and
/// an optional condition on an earlier one. The CLI builds one from a study file.
/// </summary>
/// <remarks>
/// Immutable: <see cref="Add"/> returns a new space. <see cref="Suggest"/> walks the parameters in order on a trial,
/// skipping those whose condition does not hold, which is exactly what a define-by-run objective with <c>if</c>
/// branches does.
/// </remarks>
public sealed class SearchSpace
{
    private readonly SearchSpaceParameter[] _parameters;

    /// <summary>Creates an empty search space.</summary>
    public SearchSpace()
        : this([])
    {
    }

    private SearchSpace(SearchSpaceParameter[] parameters) => _parameters = parameters;

    /// <summary>The parameters in declaration order.</summary>
    public IReadOnlyList<SearchSpaceParameter> Parameters => _parameters;

    /// <summary>Returns a space with one more parameter.</summary>
    /// <param name="name">A name not used yet.</param>
    /// <param name="distribution">Its distribution.</param>
    /// <param name="condition">When the parameter exists: a condition on a parameter declared before it.</param>
    /// <returns>The new space.</returns>
    /// <exception cref="ArgumentException">The name is taken, or the condition names no earlier parameter.</exception>
    public SearchSpace Add(string name, Distribution distribution, ParameterCondition? condition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (Array.Exists(_parameters, p => p.Name == name))
        {
            throw new ArgumentException($"The search space already has a parameter '{name}'. Give each parameter its own name.", nameof(name));
        }

        if (condition is not null && !Array.Exists(_parameters, p => p.Name == condition.Parameter))
        {
            throw new ArgumentException(
                $"Parameter '{name}' depends on '{condition.Parameter}', which is not declared before it. Declare '{condition.Parameter}' first.",
                nameof(condition));
        }

        return new SearchSpace([.. _parameters, new SearchSpaceParameter(name, distribution, condition)]);
    }

    /// <summary>Suggests every parameter whose condition holds, in order.</summary>
    /// <param name="trial">The running trial.</param>
    /// <returns>The values suggested, by name.</returns>
    public IReadOnlyDictionary<string, object?> Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var values = new Dictionary<string, object?>(_parameters.Length);
        foreach (var parameter in _parameters)
        {
            if (parameter.Condition is { } condition
                && (!values.TryGetValue(condition.Parameter, out var parent) || !condition.IsMetBy(parent)))
            {
                continue;
            }

            values[parameter.Name] = trial.Suggest(parameter.Name, parameter.Distribution);
        }

        return values;
    }

    /// <summary>Writes the space as JSON: <c>{"parameters":[{"name":...,"distribution":{...},"when":{"parameter":...,"in":[...]}}]}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("parameters");
            foreach (var parameter in _parameters)
            {
                writer.WriteStartObject();
                writer.WriteString("name", parameter.Name);
                writer.WritePropertyName("distribution");
                JsonSerializer.Serialize(writer, parameter.Distribution);
                if (parameter.Condition is { } condition)
                {
                    writer.WriteStartObject("when");
                    writer.WriteString("parameter", condition.Parameter);
                    writer.WriteStartArray("in");
                    foreach (var value in condition.Values)
                    {
                        DistributionJsonConverter.WriteChoice(writer, value);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a space written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The space.</returns>
    /// <exception cref="JsonException">The text is not a valid search space; the message names the parameter.</exception>
    public static SearchSpace FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A search space must be an object with a \"parameters\" array.");
        }

        var space = new SearchSpace();
        foreach (var element in parameters.EnumerateArray())
        {
            var name = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()
                : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new JsonException("Every search space parameter needs to be an object with a \"name\".");
            }

            try
            {
                var distribution = element.TryGetProperty("distribution", out var d)
                    ? DistributionJsonConverter.FromElement(d)
                    : throw new JsonException("it has no \"distribution\".");
                ParameterCondition? condition = null;
                if (element.TryGetProperty("when", out var when))
                {
                    if (when.ValueKind != JsonValueKind.Object
                        || !when.TryGetProperty("parameter", out var parent) || parent.ValueKind != JsonValueKind.String
                        || !when.TryGetProperty("in", out var values) || values.ValueKind != JsonValueKind.Array)
                    {
                        throw new JsonException("its \"when\" needs a \"parameter\" name and an \"in\" array of values, such as {\"parameter\":\"optimizer\",\"in\":[\"sgd\"]}.");
                    }

                    condition = new ParameterCondition(parent.GetString()!, values.EnumerateArray().Select(DistributionJsonConverter.ReadChoice).ToArray());
                }

                space = space.Add(name, distribution, condition);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                throw new JsonException($"Parameter '{name}': {e.Message}", e);
            }
        }

        return space;
    }
}

using System.Text.Json;
using Hone.Storages;

namespace Hone.Trials;

/// <summary>How the parameters of an enqueued trial are kept in its system attributes.</summary>
internal static class EnqueuedParams
{
    public const string Key = "fixed_params";

    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static object Write(IReadOnlyDictionary<string, object?> parameters) =>
        JsonSerializer.SerializeToElement(parameters.ToDictionary(p => p.Key, p => AttributeValues.Normalize(p.Value)));

    public static IReadOnlyDictionary<string, object?> Read(IReadOnlyDictionary<string, object?> systemAttrs)
    {
        if (!systemAttrs.TryGetValue(Key, out var value) || value is not JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            return None;
        }

        return element.EnumerateObject().ToDictionary(p => p.Name, p => AttributeValues.Normalize(p.Value));
    }
}

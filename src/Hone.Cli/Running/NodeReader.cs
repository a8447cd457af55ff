using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hone.Cli.Running;

/// <summary>Reads typed values out of the nodes of one study file; every error names the file, line and column.</summary>
/// <param name="path">The file, as it appears in messages.</param>
internal sealed partial class NodeReader(string path)
{
    /// <summary>The file, as it appears in messages.</summary>
    public string Path { get; } = path;

    /// <summary>An error at a node, as one line: <c>file:line:column: message</c>.</summary>
    /// <param name="node">Where the problem is.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <returns>The exception to throw.</returns>
    public CliException Error(YamlNode node, string message) => Error(node.Start, message);

    /// <summary>An error at a position, as one line: <c>file:line:column: message</c>.</summary>
    /// <param name="mark">Where the problem is.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <returns>The exception to throw.</returns>
    public CliException Error(Mark mark, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Path}:{mark.Line}:{mark.Column}: {message}"));

    /// <summary>The entries of a mapping by key, after checking that every key is one of <paramref name="allowed"/>.</summary>
    /// <param name="node">The node, which must be a mapping.</param>
    /// <param name="what">What the mapping is, for messages ("the study file", "sampler").</param>
    /// <param name="allowed">The valid keys.</param>
    /// <returns>The values by key, in file order.</returns>
    /// <exception cref="CliException">The node is not a mapping, or a key is unknown.</exception>
    public IReadOnlyDictionary<string, YamlNode> Entries(YamlNode node, string what, IReadOnlyCollection<string> allowed)
    {
        var entries = Entries(node, what);
        foreach (var key in entries.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw UnknownKey(KeyNode(node, key), key, what, allowed);
            }
        }

        return entries;
    }

    /// <summary>The entries of a mapping by key, whatever the keys.</summary>
    /// <param name="node">The node, which must be a mapping with string keys.</param>
    /// <param name="what">What the mapping is, for messages.</param>
    /// <returns>The values by key, in file order.</returns>
    public IReadOnlyDictionary<string, YamlNode> Entries(YamlNode node, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"{what} must be a mapping of keys to values, but got {Describe(node)}.");
        }

        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                throw Error(key, $"the keys of {what} must be plain names, but got {Describe(key)}.");
            }

            entries[name] = value;
        }

        return entries;
    }

    /// <summary>The key node of an entry, for messages that point at the key.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The key's node, or the mapping when not found.</returns>
    public static YamlNode KeyNode(YamlNode mapping, string key) =>
        mapping is YamlMappingNode m ? m.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) ?? mapping : mapping;

    /// <summary>The error for a key that is not valid here, suggesting the nearest valid one.</summary>
    /// <param name="node">The key node.</param>
    /// <param name="key">The key.</param>
    /// <param name="what">Where it appeared.</param>
    /// <param name="allowed">The valid keys.</param>
    /// <returns>The exception.</returns>
    public CliException UnknownKey(YamlNode node, string key, string what, IReadOnlyCollection<string> allowed) =>
        Error(node, $"unknown key '{key}' in {what}.{NearestName.Hint(key, allowed)} Valid keys: {string.Join(", ", allowed)}.");

    /// <summary>A string.</summary>
    /// <param name="node">A scalar.</param>
    /// <param name="what">The key, for messages.</param>
    /// <returns>The text.</returns>
    public string String(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, $"'{what}' must be a non-empty text, but got {Describe(node)}.");

    /// <summary>A whole number within bounds.</summary>
    /// <param name="node">A scalar.</param>
    /// <param name="what">The key, for messages.</param>
    /// <param name="min">The least value allowed.</param>
    /// <returns>The number.</returns>
    public int Integer(YamlNode node, string what, int min) =>
        Scalar(node) is long value && value >= min && value <= int.MaxValue
            ? (int)value
            : throw Error(node, string.Create(CultureInfo.InvariantCulture, $"'{what}' must be a whole number of at least {min}, but got {Describe(node)}."));

    /// <summary>A boolean.</summary>
    /// <param name="node">A scalar.</param>
    /// <param name="what">The key, for messages.</param>
    /// <returns>The value.</returns>
    public bool Boolean(YamlNode node, string what) =>
        Scalar(node) is bool value ? value : throw Error(node, $"'{what}' must be true or false, but got {Describe(node)}.");

    /// <summary>A positive duration: a number of seconds, or a text such as <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1h30m</c>.</summary>
    /// <param name="node">A scalar.</param>
    /// <param name="what">The key, for messages.</param>
    /// <returns>The duration.</returns>
    public TimeSpan Duration(YamlNode node, string what)
    {
        var value = Scalar(node);
        var seconds = value switch
        {
            long l => l,
            double d => d,
            string s => ParseDuration(s),
            _ => null,
        };
        return seconds is > 0 and < 1e9
            ? TimeSpan.FromSeconds(seconds.Value)
            : throw Error(node, $"'{what}' must be a positive duration such as 30 (seconds), 500ms, 90s, 10m, 2h or 1h30m, but got {Describe(node)}.");
    }

    /// <summary>The value of a scalar with its YAML type: <see langword="null"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/> or <see cref="string"/>.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The value; quoted scalars are always strings.</returns>
    /// <exception cref="CliException">The node is a mapping or a sequence.</exception>
    public object? Scalar(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, $"expected a single value, but got {Describe(node)}.");
        }

        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            ".inf" or ".Inf" or ".INF" or "+.inf" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when FloatPattern().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => text,
        };
    }

    /// <summary>The node as JSON, scalars typed as <see cref="Scalar"/> types them.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The JSON value.</returns>
    public JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode => new JsonObject(Entries(node, "a mapping").Select(e => KeyValuePair.Create(e.Key, ToJson(e.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        _ => Scalar(node) switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            long l => JsonValue.Create(l),
            double d when double.IsFinite(d) => JsonValue.Create(d),
            double => throw Error(node, $"expected a finite number, but got {Describe(node)}."),
            var other => JsonValue.Create((string)other),
        },
    };

    /// <summary>How a node reads in a message: its text for a scalar, else its kind.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The description.</returns>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { Length: > 0 } value } => $"'{(value.Length > 60 ? value[..60] + "..." : value)}'",
        YamlScalarNode => "nothing",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "an unsupported node",
    };

    private static double? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        double total = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = UnitPattern().Match(part.Value).Value;
            var amount = double.Parse(part.Value[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture);
            total += amount * unit switch
            {
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => 86400,
            };
        }

        return total;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(ms|s|m|h|d))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(ms|s|m|h|d)$")]
    private static partial Regex UnitPattern();
}

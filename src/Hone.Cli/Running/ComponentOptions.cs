using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Hone.Cli.Running;

/// <summary>
/// The options of one sampler or pruner in a study file (the keys beside <c>type</c>), read by its factory in a
/// <see cref="ComponentRegistry{T}"/>. Keys the factory never asks for are reported as unknown, with the nearest one it
/// did ask for.
/// </summary>
internal sealed class ComponentOptions
{
    private readonly NodeReader _reader;
    private readonly YamlNode _node;
    private readonly IReadOnlyDictionary<string, YamlNode> _entries;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Creates the options of a component.</summary>
    /// <param name="reader">Reads values and reports errors at their position.</param>
    /// <param name="node">The component's node, for errors about the whole.</param>
    /// <param name="what">How messages name it, e.g. <c>sampler 'tpe'</c>.</param>
    /// <param name="entries">Its option entries (without <c>type</c>).</param>
    public ComponentOptions(NodeReader reader, YamlNode node, string what, IReadOnlyDictionary<string, YamlNode> entries)
    {
        _reader = reader;
        _node = node;
        What = what;
        _entries = entries;
    }

    /// <summary>How messages name the component.</summary>
    public string What { get; }

    /// <summary>Reads one option.</summary>
    /// <typeparam name="TValue">int, double, bool, string or an enum, nullable or not.</typeparam>
    /// <param name="key">The key, in snake_case.</param>
    /// <returns>The value, or <see langword="default"/> when the key is absent.</returns>
    public TValue? Get<TValue>(string key)
    {
        _known.Add(key);
        return _entries.TryGetValue(key, out var node) ? (TValue?)Convert(node, key, typeof(TValue)) : default;
    }

    /// <summary>Fills a new options object from the keys that match its settable properties in snake_case
    /// (<c>startup_trials</c> sets <c>StartupTrials</c>).</summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <returns>The options, defaults kept for absent keys.</returns>
    /// <remarks>Properties of types a study file cannot express (functions, samplers, trial lists) are not offered.</remarks>
    public TOptions Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>()
        where TOptions : new()
    {
        var options = new TOptions();
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || !IsSupported(property.PropertyType))
            {
                continue;
            }

            var key = SnakeCase(property.Name);
            _known.Add(key);
            if (_entries.TryGetValue(key, out var node))
            {
                property.SetValue(options, Convert(node, key, property.PropertyType));
            }
        }

        return options;
    }

    /// <summary>An error about the component as a whole, such as an option its constructor rejected.</summary>
    /// <param name="message">What is wrong.</param>
    /// <returns>The exception to throw.</returns>
    public CliException Error(string message) => _reader.Error(_node, $"{What}: {message}");

    /// <summary>Fails on the first key no read asked for.</summary>
    /// <exception cref="CliException">A key is unknown.</exception>
    public void CheckAllKnown()
    {
        foreach (var key in _entries.Keys.Where(k => !_known.Contains(k)))
        {
            var valid = _known.Order(StringComparer.Ordinal).ToList();
            throw valid.Count == 0
                ? _reader.Error(NodeReader.KeyNode(_node, key), $"unknown key '{key}': {What} takes no options.")
                : _reader.UnknownKey(NodeReader.KeyNode(_node, key), key, What, valid);
        }
    }

    /// <summary>The snake_case form of a property name: <c>StartupTrials</c> is <c>startup_trials</c>, <c>X0</c> is <c>x0</c>.</summary>
    /// <param name="name">The PascalCase name.</param>
    /// <returns>The key.</returns>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && char.IsLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static bool IsSupported(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return inner == typeof(int) || inner == typeof(double) || inner == typeof(bool) || inner == typeof(string) || inner.IsEnum
            || type == typeof(IReadOnlyDictionary<string, object?>) || type == typeof(IReadOnlyDictionary<string, IReadOnlyList<object?>>);
    }

    private object? Convert(YamlNode node, string key, Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(IReadOnlyDictionary<string, object?>))
        {
            return _reader.Entries(node, $"'{key}' of {What}").ToDictionary(e => e.Key, e => _reader.Scalar(e.Value));
        }

        if (type == typeof(IReadOnlyDictionary<string, IReadOnlyList<object?>>))
        {
            return _reader.Entries(node, $"'{key}' of {What}").ToDictionary(
                e => e.Key,
                e => e.Value is YamlSequenceNode list
                    ? (IReadOnlyList<object?>)[.. list.Children.Select(_reader.Scalar)]
                    : throw _reader.Error(e.Value, $"'{key}.{e.Key}' of {What} must be a list of values, but got {NodeReader.Describe(e.Value)}."));
        }

        var value = _reader.Scalar(node);
        if (value is null && (Nullable.GetUnderlyingType(type) is not null || !type.IsValueType))
        {
            return null;
        }

        object? converted = inner switch
        {
            _ when inner == typeof(int) => value is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null,
            _ when inner == typeof(double) => value switch { long l => (double)l, double d => d, _ => null },
            _ when inner == typeof(bool) => value as bool?,
            _ when inner == typeof(string) => value is null ? null : System.Convert.ToString(value, CultureInfo.InvariantCulture),
            _ when inner.IsEnum => value is string s && Enum.GetNames(inner).FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(inner, name)
                : null,
            _ => null,
        };
        return converted ?? throw _reader.Error(node, $"'{key}' of {What} must be {Expected(inner)}, but got {NodeReader.Describe(node)}.");
    }

    private static string Expected(Type type) =>
        type == typeof(int) ? "a whole number"
        : type == typeof(double) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
        : "a text";
}

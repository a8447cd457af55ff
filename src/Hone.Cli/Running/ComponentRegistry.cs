using YamlDotNet.RepresentationModel;

namespace Hone.Cli.Running;

/// <summary>
/// The samplers or pruners a study file can name: one entry per <c>type</c>, a factory that reads its options and
/// builds the component.
/// </summary>
/// <typeparam name="T">The component interface.</typeparam>
/// <param name="kind">The study file key, <c>sampler</c> or <c>pruner</c>.</param>
/// <param name="defaultType">The type used when the study file leaves the key out.</param>
/// <param name="entries">The factories by type name.</param>
/// <remarks>
/// A study file writes a component as its type alone (<c>sampler: tpe</c>) or as a mapping with <c>type</c> and options
/// (<c>sampler: {type: tpe, seed: 1, multivariate: true}</c>). Options are snake_case; a factory reads them with
/// <see cref="ComponentOptions.Get{TValue}"/> or binds an options class with <see cref="ComponentOptions.Bind{TOptions}"/>.
/// </remarks>
internal sealed class ComponentRegistry<T>(string kind, string defaultType, IReadOnlyDictionary<string, Func<ComponentOptions, ComponentContext, T>> entries)
{
    /// <summary>The type names, in the order given.</summary>
    public IReadOnlyCollection<string> Types => entries.Keys.ToList();

    /// <summary>Builds the component a study file describes.</summary>
    /// <param name="reader">Reads the file's nodes.</param>
    /// <param name="node">The node under the key, or <see langword="null"/> when the key is absent.</param>
    /// <param name="context">The rest of the study file.</param>
    /// <returns>The component.</returns>
    /// <exception cref="CliException">The type is unknown, an option is unknown or invalid; the message names its position.</exception>
    public T Create(NodeReader reader, YamlNode? node, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        string type;
        YamlNode typeNode;
        IReadOnlyDictionary<string, YamlNode> options;
        if (node is null)
        {
            return Build(reader, new YamlScalarNode(defaultType), defaultType, new Dictionary<string, YamlNode>(), context);
        }

        if (node is YamlScalarNode)
        {
            (type, typeNode, options) = (reader.String(node, kind), node, new Dictionary<string, YamlNode>());
        }
        else
        {
            var entries = reader.Entries(node, kind);
            typeNode = entries.TryGetValue("type", out var t)
                ? t
                : throw reader.Error(node, $"{kind} needs a 'type': one of {string.Join(", ", Types)}.");
            type = reader.String(typeNode, $"{kind}.type");
            options = entries.Where(e => e.Key != "type").ToDictionary();
        }

        return Build(reader, node, type, options, context, typeNode);
    }

    private T Build(NodeReader reader, YamlNode node, string type, IReadOnlyDictionary<string, YamlNode> options, ComponentContext context, YamlNode? typeNode = null)
    {
        if (!entries.TryGetValue(type, out var factory))
        {
            throw reader.Error(typeNode ?? node, $"unknown {kind} '{type}'.{NearestName.Hint(type, Types)} Known: {string.Join(", ", Types)}.");
        }

        var section = new ComponentOptions(reader, node, $"{kind} '{type}'", options);
        T component;
        try
        {
            component = factory(section, context);
        }
        catch (ArgumentException e)
        {
            throw section.Error(CliException.Reason(e));
        }

        section.CheckAllKnown();
        return component;
    }
}

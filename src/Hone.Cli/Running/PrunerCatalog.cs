using Hone.Pruners;

namespace Hone.Cli.Running;

/// <summary>The pruners a study file can name under <c>pruner</c>.</summary>
/// <remarks>
/// Each pruner is one entry: its name, and a factory that binds its options class, for example
/// <c>["median"] = (options, _) => new MedianPruner(options.Bind&lt;MedianPrunerOptions&gt;())</c>.
/// </remarks>
internal static class PrunerCatalog
{
    /// <summary>The registry; no pruning when the study file names none.</summary>
    public static ComponentRegistry<IPruner> Registry { get; } = new("pruner", "none", new Dictionary<string, Func<ComponentOptions, ComponentContext, IPruner>>
    {
        ["none"] = (_, _) => new NopPruner(),
    });
}

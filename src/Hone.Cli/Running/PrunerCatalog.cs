using Hone.Pruners;

namespace Hone.Cli.Running;

/// <summary>The pruners a study file can name under <c>pruner</c>.</summary>
/// <remarks>
/// Each pruner is one entry: its name, and a factory that binds its options class. <c>patient</c> wraps a median
/// pruner: it prunes when the median rule says so and the trial has not improved for <c>patience</c> steps.
/// </remarks>
internal static class PrunerCatalog
{
    /// <summary>The registry; no pruning when the study file names none.</summary>
    public static ComponentRegistry<IPruner> Registry { get; } = new("pruner", "none", new Dictionary<string, Func<ComponentOptions, ComponentContext, IPruner>>
    {
        ["none"] = (_, _) => new NopPruner(),
        ["median"] = (options, _) => new MedianPruner(options.Bind<MedianPrunerOptions>()),
        ["percentile"] = (options, _) => new PercentilePruner(options.Bind<PercentilePrunerOptions>()),
        ["patient"] = (options, _) => new PatientPruner(new MedianPruner(), options.Bind<PatientPrunerOptions>()),
        ["threshold"] = (options, _) => new ThresholdPruner(options.Bind<ThresholdPrunerOptions>()),
        ["asha"] = (options, _) => new SuccessiveHalvingPruner(options.Bind<SuccessiveHalvingPrunerOptions>()),
        ["hyperband"] = (options, _) => new HyperbandPruner(options.Bind<HyperbandPrunerOptions>()),
        ["wilcoxon"] = (options, _) => new WilcoxonPruner(options.Bind<WilcoxonPrunerOptions>()),
    });
}

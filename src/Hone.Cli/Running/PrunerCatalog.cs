using System.Globalization;
using Hone.Pruners;

namespace Hone.Cli.Running;

/// <summary>The pruners a study file can name under <c>pruner</c>.</summary>
/// <remarks>
/// Each pruner is one entry: its name, and a factory that binds its options class. <c>patient</c> wraps a median
/// pruner: it prunes when the median rule says so and the trial has not improved for <c>patience</c> steps. A study
/// file with several objectives takes <c>none</c>, <c>pareto-median</c> or <c>pareto-asha</c>; the others judge one
/// value per step and are refused, at their place in the file.
/// </remarks>
internal static class PrunerCatalog
{
    /// <summary>The registry; no pruning when the study file names none.</summary>
    public static ComponentRegistry<IPruner> Registry { get; } = new("pruner", "none", new Dictionary<string, Func<ComponentOptions, ComponentContext, IPruner>>
    {
        ["none"] = (_, _) => new NopPruner(),
        ["median"] = SingleObjective(options => new MedianPruner(options.Bind<MedianPrunerOptions>())),
        ["percentile"] = SingleObjective(options => new PercentilePruner(options.Bind<PercentilePrunerOptions>())),
        ["patient"] = SingleObjective(options => new PatientPruner(new MedianPruner(), options.Bind<PatientPrunerOptions>())),
        ["threshold"] = SingleObjective(options => new ThresholdPruner(options.Bind<ThresholdPrunerOptions>())),
        ["asha"] = SingleObjective(options => new SuccessiveHalvingPruner(options.Bind<SuccessiveHalvingPrunerOptions>())),
        ["hyperband"] = SingleObjective(options => new HyperbandPruner(options.Bind<HyperbandPrunerOptions>())),
        ["wilcoxon"] = SingleObjective(options => new WilcoxonPruner(options.Bind<WilcoxonPrunerOptions>())),
        ["pareto-median"] = (options, _) => new ParetoMedianPruner(options.Bind<ParetoMedianPrunerOptions>()),
        ["pareto-asha"] = (options, _) => new ParetoSuccessiveHalvingPruner(options.Bind<SuccessiveHalvingPrunerOptions>()),
    });

    /// <summary>A factory that refuses a study file of several objectives, naming the pruners that take one.</summary>
    private static Func<ComponentOptions, ComponentContext, IPruner> SingleObjective(Func<ComponentOptions, IPruner> create) =>
        (options, context) => context.Objectives == 1
            ? create(options)
            : throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"it judges one objective, but the study has {context.Objectives}. Use pareto-median or pareto-asha, which rank the trials' reported vectors by Pareto dominance, or none."));
}

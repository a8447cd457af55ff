using Hone.Samplers;
using Hone.Samplers.CmaEs;
using Hone.Samplers.Gp;
using Hone.Samplers.Nsga;
using Hone.Samplers.Tpe;

namespace Hone.Cli.Running;

/// <summary>The samplers a study file can name under <c>sampler</c>.</summary>
internal static class SamplerCatalog
{
    /// <summary>The registry; the automatic choice (as in the library) when the study file names none.</summary>
    public static ComponentRegistry<ISampler> Registry { get; } = new("sampler", "auto", new Dictionary<string, Func<ComponentOptions, ComponentContext, ISampler>>
    {
        ["auto"] = (options, _) => new AutoSampler(options.Bind<AutoSamplerOptions>()),
        ["gp"] = (options, _) => new GpSampler(options.Bind<GpSamplerOptions>()),
        ["tpe"] = (options, _) => new TpeSampler(options.Bind<TpeSamplerOptions>()),
        ["random"] = (options, _) => new RandomSampler(options.Get<int?>("seed")),
        ["grid"] = (options, context) =>
        {
            var grid = options.Bind<GridSamplerOptions>();
            grid.SearchSpace = context.SearchSpace;
            return new GridSampler(grid);
        },
        ["qmc"] = (options, _) => new QmcSampler(options.Bind<QmcSamplerOptions>()),
        ["cmaes"] = (options, _) => new CmaEsSampler(options.Bind<CmaEsSamplerOptions>()),
        ["nsga2"] = (options, _) => new NsgaIISampler(options.Bind<NsgaIISamplerOptions>()),
        ["nsga3"] = (options, _) => new NsgaIIISampler(options.Bind<NsgaIIISamplerOptions>()),
    });
}

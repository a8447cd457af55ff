using Hone.Samplers;
using Hone.Samplers.CmaEs;
using Hone.Samplers.Gp;
using Hone.Samplers.Nsga;
using Hone.Samplers.Tpe;

namespace Hone.Bench;

/// <summary>The samplers the suite and the overhead benchmark can run, by the names the results use.</summary>
/// <remarks>
/// A sampler is one entry: its name and a factory from the run's seed. The names match those of
/// bench/peers/optuna_suite.py, which is how the summary pairs a Hone sampler with its Optuna counterpart
/// (random, tpe, tpe-multivariate, cmaes, cmaes-ipop, qmc-sobol, nsga2; gp, auto, nsga3, cmaes-bipop, cmaes-ipop-lra,
/// cmaes-mirrored and cmaes-ipop-mirrored have no counterpart, as Optuna 3.1 has no GPSampler, AutoSampler,
/// NSGAIIISampler, BIPOP restarts, learning-rate adaptation or mirrored orthogonal sampling).
/// </remarks>
internal static class SamplerRegistry
{
    private static readonly Dictionary<string, Func<int, ISampler>> Factories = new(StringComparer.Ordinal)
    {
        ["random"] = seed => new RandomSampler(seed),
        ["tpe"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }),
        ["tpe-multivariate"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true }),
        ["cmaes"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed }),
        ["cmaes-ipop"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, Restart = CmaEsRestartStrategy.Ipop }),
        ["cmaes-bipop"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, Restart = CmaEsRestartStrategy.Bipop }),
        ["cmaes-ipop-lra"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, Restart = CmaEsRestartStrategy.Ipop, LearningRateAdaptation = true }),
        ["cmaes-independent"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, MirroredOrthogonalSampling = false }),
        ["cmaes-ipop-independent"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, Restart = CmaEsRestartStrategy.Ipop, MirroredOrthogonalSampling = false }),
        ["qmc-sobol"] = seed => new QmcSampler(new QmcSamplerOptions { Seed = seed, Kind = QmcKind.Sobol }),
        ["auto"] = seed => new AutoSampler(new AutoSamplerOptions { Seed = seed }),
        ["gp"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed }),
        ["nsga2"] = seed => new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed }),
        ["nsga3"] = seed => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed }),
    };

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>The <c>samplers</c> subcommand: prints the registered names, one JSON line each, for the driver script.</summary>
    public static int List(BenchArguments args)
    {
        args.RejectUnknown();
        foreach (var name in Names)
        {
            JsonLine.Write(new { Bench = "sampler", Peer = "hone", Sampler = name });
        }

        return 0;
    }

    /// <summary>A new sampler of that name with that seed.</summary>
    public static ISampler Create(string name, int seed) => Factories[name](seed);
}

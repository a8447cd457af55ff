using Hone.Samplers;
using Hone.Samplers.Nsga;
using Hone.Samplers.Tpe;

namespace Hone.Tests.TestSupport;

/// <summary>The samplers built for several objectives, small enough to go through a few generations in a test.</summary>
internal static class MultiObjectiveSamplers
{
    /// <summary>Their names, for theories.</summary>
    public static TheoryData<string> Names => new() { "nsga2", "nsga3", "motpe" };

    /// <summary>A seeded sampler by name: NSGA-II and NSGA-III with a population of 6, MOTPE after 6 random trials.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The sampler.</returns>
    public static ISampler Create(string name) => name switch
    {
        "nsga2" => new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1, PopulationSize = 6 }),
        "nsga3" => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 1, PopulationSize = 6 }),
        "motpe" => new TpeSampler(new TpeSamplerOptions { Seed = 1, StartupTrials = 6 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a multi-objective sampler of the tests."),
    };
}

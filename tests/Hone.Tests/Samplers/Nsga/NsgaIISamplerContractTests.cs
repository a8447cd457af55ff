using Hone.Samplers;
using Hone.Samplers.Nsga;

namespace Hone.Tests.Samplers.Nsga;

/// <summary>The contract, single-objective, with generations small enough that most trials are bred.</summary>
public class NsgaIISamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed, PopulationSize = 6 });
}

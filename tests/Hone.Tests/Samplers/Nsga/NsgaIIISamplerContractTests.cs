using Hone.Samplers;
using Hone.Samplers.Nsga;

namespace Hone.Tests.Samplers.Nsga;

/// <summary>The contract, single-objective, with generations small enough that most trials are bred.</summary>
public class NsgaIIISamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed, PopulationSize = 6 });
}

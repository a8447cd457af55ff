using Hone.Samplers;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(int seed) => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed });
}

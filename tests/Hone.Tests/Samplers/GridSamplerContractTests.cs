using Hone.Samplers;

namespace Hone.Tests.Samplers;

public class GridSamplerContractTests : SamplerContractTests
{
    /// <summary>Two values of each parameter of the contract's objectives: 2,048 points, more than any test runs.</summary>
    protected override ISampler CreateSampler(int seed) => new GridSampler(new GridSamplerOptions
    {
        Grid = new Dictionary<string, IReadOnlyList<object?>>
        {
            ["x"] = [-1.0, 0.25],
            ["lr"] = [1e-3, 0.1],
            ["q"] = [0.0, 0.5],
            ["n"] = [3, 7],
            ["units"] = [4, 64],
            ["s"] = [2, 8],
            ["kind"] = ["a", null],
            ["branch"] = ["a", "b"],
            ["xa"] = [-0.5, 0.5],
            ["nb"] = [1, 4],
            ["yb"] = [0.2, 0.8],
        },
        Shuffle = true,
        Seed = seed,

        // One grid serves two objectives, each of which leaves out the other's parameters.
        RequireEveryParameter = false,
    });
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Samplers.Gp;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Samplers.Gp;

public class GpSpaceTests
{
    [Property(MaxTest = 300)]
    public Property Decode_AnyInput_GivesAValueInsideTheDistributionThatRoundTrips() =>
        Prop.ForAll(
            Arb.From(DistributionGenerators.Any.Where(d => !d.IsSingle())),
            Arb.From(Gen.Choose(0, 1_000_000).Select(i => i / 1e6)),
            (distribution, u) =>
            {
                var space = new GpSpace(new Dictionary<string, Distribution> { ["p"] = distribution });
                var input = space.FromUnit(0, u);
                var value = space.Decode(0, input);
                var again = space.Decode(0, space.Encode(0, value));

                // A continuous value goes through a logarithm and back, which may move it by an ulp; others are exact.
                var roundTrips = space.Kinds[0] == GpInputKind.Continuous
                    ? Math.Abs(again - value) <= 1e-12 * Math.Max(1, Math.Abs(value))
                    : again == value;
                return distribution.Contains(value) && roundTrips && space.Snap(0, space.Snap(0, input)) == space.Snap(0, input);
            });

    [Fact]
    public void Constructor_MixedSpace_ClassifiesEachInput()
    {
        var space = new GpSpace(new SortedDictionary<string, Distribution>(StringComparer.Ordinal)
        {
            ["a"] = new FloatDistribution(0, 1),
            ["b"] = new FloatDistribution(1e-3, 1, log: true),
            ["c"] = new FloatDistribution(0, 1, step: 0.25),
            ["d"] = new IntDistribution(0, 9),
            ["e"] = new CategoricalDistribution(["x", "y", "z"]),
        });

        Assert.Equal(
            [GpInputKind.Continuous, GpInputKind.Continuous, GpInputKind.Discrete, GpInputKind.Discrete, GpInputKind.Categorical],
            space.Kinds);
        Assert.Equal(0.5, space.Encode(1, Math.Sqrt(1e-3 * 1)), 1e-12);
        Assert.Equal((2 + 0.5) / 5, space.Encode(2, 0.5), 1e-12);
    }

    [Fact]
    public void Neighbours_DiscreteAndCategorical_AreOneStepAwayOrEveryOtherCategory()
    {
        var space = new GpSpace(new SortedDictionary<string, Distribution>(StringComparer.Ordinal)
        {
            ["n"] = new IntDistribution(0, 10, step: 2),
            ["k"] = new CategoricalDistribution(["x", "y", "z"]),
        });
        var neighbours = new List<double>();

        space.Neighbours(1, space.Encode(1, 0), neighbours);
        Assert.Equal([2.0], neighbours.Select(u => space.Decode(1, u)));
        space.Neighbours(1, space.Encode(1, 6), neighbours);
        Assert.Equal([4.0, 8.0], neighbours.Select(u => space.Decode(1, u)));
        space.Neighbours(0, 1, neighbours);
        Assert.Equal([0.0, 2.0], neighbours);
    }
}

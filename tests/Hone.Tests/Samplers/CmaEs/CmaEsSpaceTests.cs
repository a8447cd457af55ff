using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Samplers.CmaEs;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsSpaceTests
{
    private static readonly Gen<Distribution> Numeric = Gen.OneOf(
        DistributionGenerators.LinearFloat.Where(d => !d.IsSingle()).Select(d => (Distribution)d),
        DistributionGenerators.LogFloat.Where(d => !d.IsSingle()).Select(d => (Distribution)d),
        DistributionGenerators.SteppedFloat.Where(d => !d.IsSingle()).Select(d => (Distribution)d),
        DistributionGenerators.LinearInt.Where(d => !d.IsSingle()).Select(d => (Distribution)d),
        DistributionGenerators.LogInt.Where(d => !d.IsSingle()).Select(d => (Distribution)d));

    [Property]
    public Property FromUnit_AnyCoordinate_GivesAValueInsideTheDistribution() =>
        Prop.ForAll(Arb.From(from d in Numeric from u in Gen.Choose(-1000, 2000) select (d, u / 1000.0)), pair =>
        {
            var (distribution, unit) = pair;
            var space = Single(distribution);

            var value = space.FromUnit(0, unit);

            Assert.True(distribution.Contains(value), $"{distribution} does not contain {value} (unit {unit})");
        });

    [Property]
    public Property FromUnit_OfToUnit_GivesTheValueBack() =>
        Prop.ForAll(Arb.From(from d in Numeric from seed in Gen.Choose(0, int.MaxValue) select (d, seed)), pair =>
        {
            var (distribution, seed) = pair;
            var space = Single(distribution);
            var value = RandomSampler.Sample(new Random(seed), distribution);

            var back = space.FromUnit(0, space.ToUnit(0, value));

            var tolerance = distribution is FloatDistribution { Step: null } f ? 1e-9 * Math.Max(Math.Abs(f.Low), Math.Abs(f.High)) : 0;
            Assert.True(Math.Abs(back - value) <= tolerance, $"{distribution}: {value} came back as {back}");
        });

    [Fact]
    public void ToUnit_IntRange_GivesEachValueAnEqualCell()
    {
        var space = Single(new IntDistribution(0, 3));

        Assert.Equal([0.125, 0.375, 0.625, 0.875], Enumerable.Range(0, 4).Select(v => space.ToUnit(0, v)));
        Assert.True(space.IsDiscrete[0]);
    }

    [Fact]
    public void ToUnit_LogFloat_PutsTheGeometricMeanAtTheCentre()
    {
        var space = Single(new FloatDistribution(1e-4, 1, log: true));

        Assert.Equal(0.5, space.ToUnit(0, 1e-2), 12);
        Assert.False(space.IsDiscrete[0]);
    }

    [Theory]
    [InlineData(0.4, 0.25, 0.5)]
    [InlineData(0.1, 0.25, 0.25)]
    [InlineData(0.9, 0.75, 0.75)]
    public void CellOf_IntCoordinate_GivesTheThresholdsAroundItsValue(double unit, double low, double high)
    {
        var space = Single(new IntDistribution(0, 3));

        Assert.Equal((low, high), space.CellOf(0, unit));
    }

    [Fact]
    public void CellOf_LogInt_UsesTheHalfIntegerThresholdsInLogSpace()
    {
        var space = Single(new IntDistribution(1, 100, log: true));

        var (low, high) = space.CellOf(0, space.ToUnit(0, 10));

        Assert.Equal(space.ToUnit(0, 9.5), low, 12);
        Assert.Equal(space.ToUnit(0, 10.5), high, 12);
    }

    [Fact]
    public void KeyOf_SameSpace_IsStableAndDependsOnEveryPart()
    {
        var space = new Dictionary<string, Distribution> { ["a"] = new FloatDistribution(0, 1), ["b"] = new IntDistribution(1, 9) };
        var other = new Dictionary<string, Distribution> { ["a"] = new FloatDistribution(0, 2), ["b"] = new IntDistribution(1, 9) };

        var key = CmaEsSpace.KeyOf(space, "full");

        Assert.Matches("^[0-9a-f]{16}$", key);
        Assert.Equal(key, CmaEsSpace.KeyOf(new Dictionary<string, Distribution>(space), "full"));
        Assert.NotEqual(key, CmaEsSpace.KeyOf(space, "sep"));
        Assert.NotEqual(key, CmaEsSpace.KeyOf(other, "full"));
    }

    [Fact]
    public void Constructor_CategoricalParameter_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Single(new CategoricalDistribution(["a", "b"])));

        Assert.Contains("'p'", error.Message, StringComparison.Ordinal);
    }

    private static CmaEsSpace Single(Distribution distribution) => new(new Dictionary<string, Distribution> { ["p"] = distribution });
}

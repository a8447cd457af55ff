using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Distributions;

public class IntDistributionTests
{
    [Fact]
    public void Constructor_LowAboveHigh_ThrowsNamingBothBounds()
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(5, 2));
        Assert.Contains("low <= high", error.Message, StringComparison.Ordinal);
        Assert.Contains("low=5, high=2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_LogWithLowBelowOne_ThrowsNamingLow(int low)
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(low, 10, log: true));
        Assert.Contains("low >= 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"low={low}"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepNotDividingRange_ThrowsNamingAllThree()
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, step: 3));
        Assert.Contains("step must divide high - low", error.Message, StringComparison.Ordinal);
        Assert.Contains("low=0, high=10, step=3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepWithLog_ThrowsSayingTheyExcludeEachOther()
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(1, 9, log: true, step: 2));
        Assert.Contains("step and log cannot be used together", error.Message, StringComparison.Ordinal);
        Assert.Contains("step=2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepBelowOne_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, step: 0));
        Assert.Contains("step must be >= 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_OffGridOrFractional_IsFalse()
    {
        var distribution = new IntDistribution(1, 9, step: 2);

        Assert.True(distribution.Contains(1));
        Assert.True(distribution.Contains(9));
        Assert.False(distribution.Contains(2));
        Assert.False(distribution.Contains(3.5));
        Assert.False(distribution.Contains(11));
        Assert.False(distribution.Contains(double.NaN));
    }

    [Fact]
    public void ToInternal_FractionalOrText_ThrowsNamingTheValue()
    {
        var distribution = new IntDistribution(0, 10);

        Assert.Contains("'2.5'", Assert.Throws<ArgumentException>(() => distribution.ToInternal(2.5)).Message, StringComparison.Ordinal);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => distribution.ToInternal("x")).Message, StringComparison.Ordinal);
        Assert.Equal(3.0, distribution.ToInternal(3L));
    }

    [Property]
    public Property ToExternal_ThenToInternal_RoundTrips() =>
        Prop.ForAll(Arb.From(IntsWithSeeds()), pair =>
        {
            var (distribution, seed) = pair;
            var value = RandomSampler.Sample(new Random(seed), distribution);
            var external = Assert.IsType<int>(distribution.ToExternal(value));
            Assert.Equal(value, distribution.ToInternal(external));
        });

    [Property]
    public Property Sample_AnySeed_IsAnIntegerOnTheGridInsideTheBounds() =>
        Prop.ForAll(Arb.From(IntsWithSeeds()), pair =>
        {
            var (distribution, seed) = pair;
            var random = new Random(seed);
            for (var i = 0; i < 20; i++)
            {
                var value = RandomSampler.Sample(random, distribution);
                Assert.InRange(value, distribution.Low, distribution.High);
                Assert.Equal(Math.Round(value), value);
                Assert.Equal(0, ((long)value - distribution.Low) % distribution.Step);
                Assert.True(distribution.Contains(value), $"{distribution} does not contain {value}");
            }
        });

    [Property]
    public Property Equals_SameArguments_EqualWithSameHash() =>
        Prop.ForAll(Arb.From(Gen.OneOf(DistributionGenerators.LinearInt, DistributionGenerators.LogInt)), distribution =>
        {
            var copy = new IntDistribution(distribution.Low, distribution.High, distribution.Log, distribution.Step);
            Assert.Equal(distribution, copy);
            Assert.Equal(distribution.GetHashCode(), copy.GetHashCode());
        });

    private static Gen<(IntDistribution Distribution, int Seed)> IntsWithSeeds() =>
        from distribution in Gen.OneOf(DistributionGenerators.LinearInt, DistributionGenerators.LogInt)
        from seed in Gen.Choose(0, int.MaxValue)
        select (distribution, seed);
}

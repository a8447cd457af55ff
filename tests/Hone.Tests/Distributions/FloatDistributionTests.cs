using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Distributions;

public class FloatDistributionTests
{
    [Fact]
    public void Constructor_LowAboveHigh_ThrowsNamingBothBounds()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(3, 1));
        Assert.Contains("low <= high", error.Message, StringComparison.Ordinal);
        Assert.Contains("low=3", error.Message, StringComparison.Ordinal);
        Assert.Contains("high=1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Constructor_LogWithLowNotPositive_ThrowsNamingLow(double low)
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(low, 10, log: true));
        Assert.Contains("low > 0", error.Message, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"low={low}"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepNotDividingRange_ThrowsNamingAllThree()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, step: 0.3));
        Assert.Contains("step must divide high - low", error.Message, StringComparison.Ordinal);
        Assert.Contains("low=0, high=1, step=0.3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepWithLog_ThrowsSayingTheyExcludeEachOther()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(1, 10, log: true, step: 1));
        Assert.Contains("step and log cannot be used together", error.Message, StringComparison.Ordinal);
        Assert.Contains("step=1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void Constructor_StepNotPositive_Throws(double step)
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, step: step));
        Assert.Contains("step must be > 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    public void Constructor_NonFiniteBound_Throws(double low, double high)
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(low, high));
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepThatDividesUpToRounding_IsAccepted()
    {
        var distribution = new FloatDistribution(0, 1, step: 0.1);

        Assert.Equal(0.1, distribution.Step);
        Assert.True(distribution.Contains(0.3));
        Assert.False(distribution.Contains(0.35));
    }

    [Fact]
    public void Contains_OutsideBoundsOrNaN_IsFalse()
    {
        var distribution = new FloatDistribution(-1, 1);

        Assert.True(distribution.Contains(-1));
        Assert.True(distribution.Contains(1));
        Assert.False(distribution.Contains(1.0000001));
        Assert.False(distribution.Contains(double.NaN));
    }

    [Fact]
    public void ToInternal_NotANumber_ThrowsNamingTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1).ToInternal("abc"));
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSingle_EqualBoundsOrOneStep_IsTrue()
    {
        Assert.True(new FloatDistribution(2, 2).IsSingle());
        Assert.False(new FloatDistribution(2, 3).IsSingle());
        Assert.False(new FloatDistribution(2, 3, step: 1).IsSingle());
    }

    [Property]
    public Property ToExternal_ThenToInternal_RoundTrips() =>
        Prop.ForAll(Arb.From(FloatsWithSeeds()), pair =>
        {
            var (distribution, seed) = pair;
            var value = RandomSampler.Sample(new Random(seed), distribution);
            var external = distribution.ToExternal(value);
            Assert.IsType<double>(external);
            Assert.Equal(value, distribution.ToInternal(external));
        });

    [Property]
    public Property Sample_AnySeed_IsContainedAndOnTheGrid() =>
        Prop.ForAll(Arb.From(FloatsWithSeeds()), pair =>
        {
            var (distribution, seed) = pair;
            var random = new Random(seed);
            for (var i = 0; i < 20; i++)
            {
                var value = RandomSampler.Sample(random, distribution);
                Assert.InRange(value, distribution.Low, distribution.High);
                Assert.True(distribution.Contains(value), $"{distribution} does not contain {value}");
                if (distribution.Step is { } step)
                {
                    var k = (value - distribution.Low) / step;
                    Assert.Equal(Math.Round(k), k, 1e-6);
                }
            }
        });

    [Property]
    public Property Equals_SameArguments_EqualWithSameHash() =>
        Prop.ForAll(Arb.From(Gen.OneOf(DistributionGenerators.LinearFloat, DistributionGenerators.LogFloat, DistributionGenerators.SteppedFloat)), distribution =>
        {
            var copy = new FloatDistribution(distribution.Low, distribution.High, distribution.Log, distribution.Step);
            Assert.Equal(distribution, copy);
            Assert.Equal(distribution.GetHashCode(), copy.GetHashCode());
        });

    [Fact]
    public void Equals_DifferentLogOrStep_IsFalse()
    {
        Assert.NotEqual(new FloatDistribution(1, 10), new FloatDistribution(1, 10, log: true));
        Assert.NotEqual(new FloatDistribution(1, 10), new FloatDistribution(1, 10, step: 1));
    }

    private static Gen<(FloatDistribution Distribution, int Seed)> FloatsWithSeeds() =>
        from distribution in Gen.OneOf(DistributionGenerators.LinearFloat, DistributionGenerators.LogFloat, DistributionGenerators.SteppedFloat)
        from seed in Gen.Choose(0, int.MaxValue)
        select (distribution, seed);
}

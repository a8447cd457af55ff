using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public class TpeSamplerOptionsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(241, 25)]
    [InlineData(100_000, 25)]
    public void DefaultGamma_FinishedTrials_IsTenPercentCappedAt25(int finished, int expected)
    {
        Assert.Equal(expected, TpeSamplerOptions.DefaultGamma(finished));
    }

    [Fact]
    public void DefaultWeights_UpTo25_AreFlat()
    {
        Assert.Equal(Enumerable.Repeat(1.0, 25), TpeSamplerOptions.DefaultWeights(25));
        Assert.Empty(TpeSamplerOptions.DefaultWeights(0));
    }

    [Fact]
    public void DefaultWeights_Beyond25_RampUpFromOneOverNForTheOlderOnes()
    {
        var weights = TpeSamplerOptions.DefaultWeights(125);

        Assert.Equal(125, weights.Count);
        Assert.Equal(1 / 125.0, weights[0], 1e-15);
        Assert.Equal(1, weights[99], 1e-15);
        Assert.All(weights.Skip(100), w => Assert.Equal(1, w));
        Assert.True(weights.Take(100).Zip(weights.Skip(1).Take(99)).All(p => p.First < p.Second));
    }
}

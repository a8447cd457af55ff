using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsParametersTests
{
    [Fact]
    public void Constructor_TenDimensionsDefaultPopulation_GivesTheTutorialValues()
    {
        var p = new CmaEsParameters(10, 10, separable: false);

        Assert.Equal(5, p.Mu);
        Assert.Equal(3.1673, p.MuEff, 4);
        Assert.Equal(1.0, p.Weights.Take(5).Sum(), 12);
        Assert.True(p.Weights.Take(5).Zip(p.Weights.Skip(1)).All(w => w.First > w.Second), "positive weights must decrease");
        Assert.All(p.Weights.Skip(5), w => Assert.True(w <= 0));
        Assert.True(p.C1 + p.Cmu <= 1);
        Assert.Equal(Math.Sqrt(10) * (1 - (1 / 40.0) + (1 / 2100.0)), p.ChiN, 12);
        Assert.Equal(40, p.FunctionHistoryLength);
    }

    [Fact]
    public void Constructor_Separable_UsesPositiveWeightsAndFasterLearning()
    {
        var full = new CmaEsParameters(30, 14, separable: false);
        var separable = new CmaEsParameters(30, 14, separable: true);

        Assert.Equal(7, separable.Weights.Length);
        Assert.Equal(1.0, separable.WeightSum, 12);
        Assert.True(separable.C1 > 5 * full.C1);
        Assert.True(separable.Cmu > 5 * full.Cmu);
        Assert.True(separable.C1 + separable.Cmu <= 1);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(100, 1000)]
    public void Constructor_ExtremeSizes_KeepsLearningRatesValid(int dimension, int populationSize)
    {
        var p = new CmaEsParameters(dimension, populationSize, separable: false);

        Assert.True(p.C1 > 0 && p.Cmu > 0 && p.C1 + p.Cmu <= 1, $"c1 = {p.C1}, cmu = {p.Cmu}");
        Assert.True(p.CSigma is > 0 and < 1);
        Assert.True(p.Cc is > 0 and <= 1);
        Assert.All(p.Weights, w => Assert.True(double.IsFinite(w)));
    }
}

using Hone.Numerics;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsLearningRatesTests
{
    [Fact]
    public void Apply_PureNoise_LowersBothRates()
    {
        var state = NewState();
        var p = new CmaEsParameters(4, 8, false);
        var random = new SplitMix64(5, 0);
        var noise = new Random(11);

        for (var generation = 0; generation < 60; generation++)
        {
            state.Tell(CmaEsStateTests.Evaluate(state, ref random, _ => noise.NextDouble()), p, checkTermination: false);
        }

        Assert.InRange(state.LearningRates!.MeanRate, 0, 0.5);
        Assert.InRange(state.LearningRates.CovarianceRate, 0, 0.5);
    }

    [Fact]
    public void Apply_EllipsoidAwayFromTheStart_ConvergesToTheOptimum()
    {
        var state = NewState();
        var p = new CmaEsParameters(4, 8, false);
        var random = new SplitMix64(5, 0);

        for (var generation = 0; generation < 600; generation++)
        {
            state.Tell(CmaEsStateTests.Evaluate(state, ref random, x => CmaEsStateTests.Ellipsoid(x, 0.05)), p, checkTermination: false);
        }

        Assert.All(state.Mean, m => Assert.Equal(0.05, m, 4));
    }

    [Fact]
    public void Write_StateWithLearningRates_ReadsBackBitForBitAndRestartResetsThem()
    {
        var state = NewState();
        var p = new CmaEsParameters(4, 8, false);
        var random = new SplitMix64(2, 0);
        for (var generation = 0; generation < 5; generation++)
        {
            state.Tell(CmaEsStateTests.Evaluate(state, ref random, x => CmaEsStateTests.Ellipsoid(x, 0.3)), p);
        }

        var text = CmaEsStateJson.Write(state);
        var read = CmaEsStateJson.Read(text);

        Assert.Equal(text, CmaEsStateJson.Write(read));
        Assert.Equal(state.LearningRates!.CovarianceAverage, read.LearningRates!.CovarianceAverage);
        CmaEsRestarts.Restart(read, CmaEsRestartStrategy.Ipop, 2, 0.2, "tolx");
        Assert.Equal((1.0, 1.0), (read.LearningRates.MeanRate, read.LearningRates.CovarianceRate));
        Assert.All(read.LearningRates.MeanAverage, v => Assert.Equal(0, v));
    }

    private static CmaEsState NewState() =>
        new(4, false, 8, [0.5, 0.5, 0.5, 0.5], 0.2, null) { LearningRates = new CmaEsLearningRates(4) };
}

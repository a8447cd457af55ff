using Hone.Numerics;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsRestartsTests
{
    [Fact]
    public void Restart_Ipop_GrowsThePopulationAndStartsAfreshAtARandomPoint()
    {
        var state = Ran(new CmaEsState(3, false, 7, [0.5, 0.5, 0.5], 0.01, null), generations: 4);
        var generation = state.Generation;

        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Ipop, 3, 0.2, "tolfun");

        Assert.Equal(21, state.PopulationSize);
        Assert.Equal(1, state.Restarts);
        Assert.Equal(0, state.RunGeneration);
        Assert.Equal(generation, state.Generation);
        Assert.Equal(0.2, state.Sigma);
        Assert.Equal(0.2, state.InitialSigma);
        Assert.Equal("tolfun", state.LastStopReason);
        Assert.All(state.Mean, m => Assert.InRange(m, 0, 1));
        Assert.NotEqual([0.5, 0.5, 0.5], state.Mean);
        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], state.Covariance);
        Assert.All(state.PathC, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Restart_Bipop_AlternatesSmallAndLargeRegimesByBudget()
    {
        var state = Ran(new CmaEsState(3, false, 7, [0.5, 0.5, 0.5], 0.2, null), generations: 10);

        // First run (70 evaluations) counts as large: the small regime, which has used nothing, goes next.
        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "tolx");
        Assert.True(state.SmallRegime);
        Assert.InRange(state.PopulationSize, 7, 7);
        Assert.InRange(state.Sigma, 0.002, 0.2);
        Assert.Equal(70, state.LargeEvaluations);

        // A small run of 35 evaluations hits its budget of half the last large run.
        Ran(state, generations: 5);
        Assert.Equal("budget", CmaEsRestarts.ReasonToRestart(state, CmaEsRestartStrategy.Bipop, null));
        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "budget");
        Assert.True(state.SmallRegime);

        // 70 small evaluations now match the 70 large ones: a large run with twice the default population.
        Ran(state, generations: 5);
        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "budget");
        Assert.False(state.SmallRegime);
        Assert.Equal(14, state.PopulationSize);
        Assert.Equal(0.2, state.Sigma);
        Assert.Equal(3, state.Restarts);
    }

    [Fact]
    public void ReasonToRestart_NoStrategy_NeverRestarts()
    {
        var state = new CmaEsState(2, false, 6, [0.5, 0.5], 0.2, null);

        Assert.Null(CmaEsRestarts.ReasonToRestart(state, CmaEsRestartStrategy.None, "tolfun"));
        Assert.Equal("tolfun", CmaEsRestarts.ReasonToRestart(state, CmaEsRestartStrategy.Ipop, "tolfun"));
        Assert.Null(CmaEsRestarts.ReasonToRestart(state, CmaEsRestartStrategy.Ipop, null));
    }

    [Fact]
    public void Restart_SameStateTwice_RestartsAlike()
    {
        var first = Ran(new CmaEsState(4, false, 8, [0.5, 0.5, 0.5, 0.5], 0.2, null) { Seed = 5 }, generations: 3);
        var second = first.Clone();

        CmaEsRestarts.Restart(first, CmaEsRestartStrategy.Bipop, 2, 0.2, "tolx");
        CmaEsRestarts.Restart(second, CmaEsRestartStrategy.Bipop, 2, 0.2, "tolx");

        Assert.Equal(CmaEsStateJson.Write(first), CmaEsStateJson.Write(second));
    }

    private static CmaEsState Ran(CmaEsState state, int generations)
    {
        var random = new SplitMix64(1, 0);
        for (var g = 0; g < generations; g++)
        {
            state.Tell(CmaEsStateTests.Evaluate(state, ref random, x => CmaEsStateTests.Ellipsoid(x, 0.4)), new CmaEsParameters(state.Dimension, state.PopulationSize, state.Separable), checkTermination: false);
        }

        return state;
    }
}

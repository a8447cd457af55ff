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

        // The first run (70 evaluations) is booked as small-regime budget: the large regime, which has used nothing,
        // goes next with twice the default population.
        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "tolx");
        Assert.False(state.SmallRegime);
        Assert.Equal(14, state.PopulationSize);
        Assert.Equal(0.2, state.Sigma);
        Assert.Equal(70, state.SmallEvaluations);

        // A large run of 140 evaluations: the small regime (70) is behind, so a small run follows, with a population
        // between the default and half the largest so far and a smaller σ.
        Ran(state, generations: 10);
        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "tolx");
        Assert.True(state.SmallRegime);
        Assert.Equal(140, state.LargeEvaluations);
        Assert.InRange(state.PopulationSize, 7, 7);
        Assert.InRange(state.Sigma, 0.002, 0.2);

        // It hits its budget of half the last large run after 70 evaluations; small (140) now matches large (140), so
        // the next run is large again, with four times the default population.
        Ran(state, generations: 10);
        Assert.Equal("budget", CmaEsRestarts.ReasonToRestart(state, CmaEsRestartStrategy.Bipop, null));
        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "budget");
        Assert.False(state.SmallRegime);
        Assert.Equal(28, state.PopulationSize);
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

using Hone.Numerics;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsStateTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tell_EllipsoidInTheUnitCube_ConvergesToTheOptimumAndThenStops(bool separable)
    {
        const int N = 5;
        var state = new CmaEsState(N, separable, 8, Enumerable.Repeat(0.5, N).ToArray(), 0.2, null);
        var p = new CmaEsParameters(N, 8, separable);
        var random = new SplitMix64(3, 0);
        string? reason = null;

        for (var generation = 0; generation < 3000 && reason is null; generation++)
        {
            reason = state.Tell(Evaluate(state, ref random, x => Ellipsoid(x, 0.3)), p);
        }

        Assert.NotNull(reason);
        Assert.All(state.Mean, m => Assert.Equal(0.3, m, 5));
    }

    [Fact]
    public void Tell_FlatFunction_StopsWithTolFun()
    {
        var state = new CmaEsState(3, false, 6, [0.5, 0.5, 0.5], 0.2, null);
        var p = new CmaEsParameters(3, 6, false);
        var random = new SplitMix64(1, 0);
        string? reason = null;
        var generations = 0;

        while (reason is null && generations++ < 1000)
        {
            reason = state.Tell(Evaluate(state, ref random, _ => 7), p);
        }

        Assert.Equal("tolfun", reason);
        Assert.Equal(p.FunctionHistoryLength, generations);
    }

    [Fact]
    public void Tell_WithoutTerminationChecks_KeepsNoHistory()
    {
        var state = new CmaEsState(3, false, 6, [0.5, 0.5, 0.5], 0.2, null);

        var stream1 = new SplitMix64(1, 0);
        var reason = state.Tell(Evaluate(state, ref stream1, _ => 7), new CmaEsParameters(3, 6, false), checkTermination: false);

        Assert.Null(reason);
        Assert.Empty(state.BestHistory);
        Assert.Equal(1, state.Generation);
        Assert.Equal(1, state.RunGeneration);
    }

    [Fact]
    public void Sample_ManyDraws_HaveCovarianceSigmaSquaredTimesC()
    {
        var state = new CmaEsState(2, false, 6, [0.5, 0.5], 0.5, [2, 0.6, 0.6, 1]);
        var random = new SplitMix64(11, 0);
        const int Draws = 40_000;
        double sxx = 0, sxy = 0, syy = 0, mx = 0, my = 0;
        var x = new double[2];

        for (var i = 0; i < Draws; i++)
        {
            state.Sample(ref random, x);
            mx += x[0];
            my += x[1];
            sxx += (x[0] - 0.5) * (x[0] - 0.5);
            sxy += (x[0] - 0.5) * (x[1] - 0.5);
            syy += (x[1] - 0.5) * (x[1] - 0.5);
        }

        Assert.InRange(mx / Draws, 0.49, 0.51);
        Assert.InRange(my / Draws, 0.49, 0.51);
        Assert.InRange(sxx / Draws, 0.25 * 2 * 0.95, 0.25 * 2 * 1.05);
        Assert.InRange(sxy / Draws, 0.25 * 0.6 * 0.95, 0.25 * 0.6 * 1.05);
        Assert.InRange(syy / Draws, 0.25 * 0.95, 0.25 * 1.05);
    }

    [Fact]
    public void Clone_ThenTell_LeavesTheOriginalUnchanged()
    {
        var state = new CmaEsState(3, false, 6, [0.5, 0.5, 0.5], 0.2, null);
        var before = CmaEsStateJson.Write(state);

        var copy = state.Clone();
        var stream2 = new SplitMix64(2, 0);
        copy.Tell(Evaluate(copy, ref stream2, x => Ellipsoid(x, 0.1)), new CmaEsParameters(3, 6, false));

        Assert.Equal(before, CmaEsStateJson.Write(state));
        Assert.NotEqual(before, CmaEsStateJson.Write(copy));
    }

    [Fact]
    public void Tell_SameSolutionsInAnyOrder_GivesTheSameState()
    {
        var first = new CmaEsState(4, false, 8, [0.5, 0.5, 0.5, 0.5], 0.2, null);
        var second = first.Clone();
        var p = new CmaEsParameters(4, 8, false);
        var stream5 = new SplitMix64(5, 0);
        var solutions = Evaluate(first, ref stream5, x => Ellipsoid(x, 0.2));

        first.Tell(solutions, p);
        second.Tell(solutions.AsEnumerable().Reverse().ToList(), p);

        Assert.Equal(first.Mean, second.Mean);
        Assert.Equal(first.Sigma, second.Sigma);
    }

    [Fact]
    public void Tell_DemotedSolutions_NeverEnterTheMean()
    {
        // λ = 4, μ = 2: the mean moves to the weighted mean of the two best solutions that are not demoted, even though
        // the demoted ones have the best values.
        var state = new CmaEsState(2, false, 4, [0.5, 0.5], 0.2, null);
        var p = new CmaEsParameters(2, 4, false);
        List<(double[] X, double Value)> solutions = [([0.1, 0.2], 0), ([0.6, 0.7], 3), ([0.4, 0.3], 2), ([0.9, 0.9], 1)];

        state.Tell(solutions, p, checkTermination: false, demoted: [true, false, false, true]);

        var expected = new[] { (p.Weights[0] * 0.4) + (p.Weights[1] * 0.6), (p.Weights[0] * 0.3) + (p.Weights[1] * 0.7) };
        Assert.Equal(expected[0], state.Mean[0], 1e-15);
        Assert.Equal(expected[1], state.Mean[1], 1e-15);
    }

    internal static List<(double[] X, double Value)> Evaluate(CmaEsState state, ref SplitMix64 random, Func<double[], double> f)
    {
        var solutions = new List<(double[] X, double Value)>();
        for (var k = 0; k < state.PopulationSize; k++)
        {
            var x = new double[state.Dimension];
            state.Sample(ref random, x);
            solutions.Add((x, f(x)));
        }

        return solutions;
    }

    internal static double Ellipsoid(double[] x, double optimum)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += Math.Pow(100, i / (x.Length - 1.0)) * (x[i] - optimum) * (x[i] - optimum);
        }

        return sum;
    }
}

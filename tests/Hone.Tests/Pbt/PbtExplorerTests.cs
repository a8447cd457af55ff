using Hone.Distributions;
using Hone.Pbt;
using Hone.SearchSpaces;
using Hone.Trials;

namespace Hone.Tests.Pbt;

public class PbtExplorerTests
{
    [Fact]
    public void Explore_Real_MultipliesByAFactorAndClampsIntoTheRange()
    {
        var space = new SearchSpace().Add("lr", new FloatDistribution(0.01, 1, log: true)).Add("wd", new FloatDistribution(0, 1));
        var explorer = new PbtExplorer(space, [2.0], 0, new Random(1));

        var (explored, steps) = explorer.Explore(Params(space, ("lr", 0.1), ("wd", 0.75)));

        Assert.Equal(0.2, (double)explored["lr"]!, 12);
        Assert.Equal(1.0, explored["wd"]);
        Assert.Equal("x2", steps["lr"]);
    }

    [Fact]
    public void Explore_IntegerAndChoice_MoveToANeighbourAndInwardsAtABound()
    {
        var space = new SearchSpace()
            .Add("layers", new IntDistribution(1, 9, step: 2))
            .Add("act", new CategoricalDistribution(["relu", "tanh", "gelu"]));
        var explorer = new PbtExplorer(space, [0.8, 1.2], 0, new Random(2));

        for (var i = 0; i < 20; i++)
        {
            var (middle, _) = explorer.Explore(Params(space, ("layers", 5), ("act", 1)));
            Assert.Contains((int)middle["layers"]!, new[] { 3, 7 });
            Assert.Contains((string)middle["act"]!, new[] { "relu", "gelu" });

            var (edge, steps) = explorer.Explore(Params(space, ("layers", 9), ("act", 0)));
            Assert.Equal(7, edge["layers"]);
            Assert.Equal("tanh", edge["act"]);
            Assert.Equal("-2", steps["layers"]);
            Assert.Equal("+1", steps["act"]);
        }
    }

    [Fact]
    public void Explore_ResampleProbabilityOne_DrawsEveryValueAfresh()
    {
        var space = new SearchSpace().Add("x", new FloatDistribution(0, 100));
        var explorer = new PbtExplorer(space, [1.0], 1, new Random(3));

        var values = Enumerable.Range(0, 20).Select(_ => explorer.Explore(Params(space, ("x", 50.0)))).ToList();

        Assert.All(values, v => Assert.Equal("resampled", v.Steps["x"]));
        Assert.True(values.Select(v => (double)v.Params["x"]!).Distinct().Count() > 15);
    }

    [Fact]
    public void Explore_ChoiceTurnsOnAConditionalParameter_DrawsItAfresh()
    {
        var space = new SearchSpace()
            .Add("optimizer", new CategoricalDistribution(["sgd", "adam"]))
            .Add("momentum", new FloatDistribution(0, 0.99), new ParameterCondition("optimizer", ["sgd"]))
            .Add("beta", new FloatDistribution(0.8, 0.999), new ParameterCondition("optimizer", ["adam"]));
        var explorer = new PbtExplorer(space, [1.2], 0, new Random(4));

        var (explored, steps) = explorer.Explore(Params(space, ("optimizer", 0), ("momentum", 0.5)));

        Assert.Equal("adam", explored["optimizer"]);
        Assert.Equal(["optimizer", "beta"], explored.Keys);
        Assert.Equal("new", steps["beta"]);
    }

    [Fact]
    public void Sample_ConditionalSpace_HasExactlyTheActiveParameters()
    {
        var space = new SearchSpace()
            .Add("optimizer", new CategoricalDistribution(["sgd", "adam"]))
            .Add("momentum", new FloatDistribution(0, 0.99), new ParameterCondition("optimizer", ["sgd"]));
        var explorer = new PbtExplorer(space, [1.2], 0, new Random(5));

        for (var i = 0; i < 20; i++)
        {
            var sample = explorer.Sample();
            Assert.Equal((string)sample["optimizer"]! == "sgd" ? ["optimizer", "momentum"] : new[] { "optimizer" }, sample.Keys);
        }
    }

    /// <summary>A parameter set of internal values over a space's distributions.</summary>
    private static ParameterSet Params(SearchSpace space, params (string Name, double Value)[] values) =>
        ParameterSet.Create(values.Select(v => (v.Name, space.Parameters.Single(p => p.Name == v.Name).Distribution, v.Value)));
}

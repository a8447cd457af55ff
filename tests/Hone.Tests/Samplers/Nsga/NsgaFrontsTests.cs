using Hone.Samplers.Nsga;

namespace Hone.Tests.Samplers.Nsga;

public class NsgaFrontsTests
{
    [Fact]
    public void Of_FeasibleAndInfeasible_GroupsByConstrainedRankInIndexOrder()
    {
        var candidates = ReferencePointSurvivalTests.WithViolations([[0, 0], [5, 5], [1, 9], [9, 1], [6, 6]], [0.3, 0, 0, 0, 0]);

        var fronts = NsgaFronts.Of(candidates);

        Assert.Equal([2, 0, 0, 0, 1], fronts.Ranks);
        Assert.Equal([[1, 2, 3], [4], [0]], fronts.Fronts);
    }

    [Fact]
    public void Split_LastFrontDoesNotFit_ReturnsTheWholeFrontsAndThatFront()
    {
        var fronts = NsgaFronts.Of(ReferencePointSurvivalTests.Individuals([0, 2], [2, 0], [1, 3], [3, 1], [9, 9]));

        var (kept, last) = fronts.Split(3);

        Assert.Equal([0, 1], kept);
        Assert.Equal([2, 3], last);
    }

    [Fact]
    public void Split_WholeFrontsFillTheSize_HasNoLastFront()
    {
        var fronts = NsgaFronts.Of(ReferencePointSurvivalTests.Individuals([0, 2], [2, 0], [1, 3]));

        var (kept, last) = fronts.Split(2);

        Assert.Equal([0, 1], kept);
        Assert.Null(last);
    }

    [Fact]
    public void Crowding_TwoFronts_MeasuresEachWithinItsOwnFront()
    {
        var parents = ReferencePointSurvivalTests.Individuals([0, 3], [1, 2], [3, 0], [5, 5]);

        var crowding = NsgaFronts.Of(parents).Crowding(parents);

        // Front 0 spans 3 in each objective; (1, 2)'s neighbours are 3 apart in both. (5, 5) is alone in front 1.
        Assert.Equal([double.PositiveInfinity, 2.0, double.PositiveInfinity, double.PositiveInfinity], crowding);
    }
}

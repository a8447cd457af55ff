using FsCheck.Xunit;
using Hone.Pruners;

namespace Hone.Tests.Pruners;

public class ParetoRankingTests
{
    private static readonly double Inf = double.PositiveInfinity;

    [Fact]
    public void CrowdingDistances_HandMadeFront_GivesEndsInfinityAndInnerPointsTheirNeighboursGaps()
    {
        double[][] front = [[0, 4], [1, 3], [3.5, 0.5], [4, 0]];

        // (1, 3): (3.5 - 0) / 4 + (4 - 0.5) / 4; (3.5, 0.5): (4 - 1) / 4 + (3 - 0) / 4.
        Assert.Equal([Inf, 1.75, 1.5, Inf], ParetoRanking.CrowdingDistances(front));
    }

    [Fact]
    public void CrowdingDistances_EqualPoints_ShareTheirDistance()
    {
        Assert.Equal([Inf, 2, 2, Inf], ParetoRanking.CrowdingDistances([[0, 2], [1, 1], [1, 1], [2, 0]]));
        Assert.Equal([0.0, 0.0, 0.0], ParetoRanking.CrowdingDistances([[1, 5], [1, 5], [1, 5]]));
    }

    [Fact]
    public void CrowdingDistances_InfiniteValue_NeverGivesNaN()
    {
        var distances = ParetoRanking.CrowdingDistances([[0, 4], [1, 3], [Inf, -1]]);

        // The infinite range of the first objective adds nothing to the inner point; the second adds (4 + 1) / 5.
        Assert.Equal([Inf, 1, Inf], distances);
    }

    [Fact]
    public void CountBetter_HandMadePoints_CountsBetterFrontsThenMoreRoomInTheSameFront()
    {
        double[][] points = [[0, 4], [1, 3], [3.5, 0.5], [4, 0], [5, 5]];

        Assert.Equal([0, 2, 3, 0, 4], Enumerable.Range(0, points.Length).Select(i => ParetoRanking.CountBetter(points, i)));
    }

    [Property(MaxTest = 100)]
    public void CountBetter_OneObjective_CountsTheStrictlySmallerValues(byte[] values)
    {
        var points = values.Select(v => new double[] { v % 10 }).ToArray();

        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(points.Count(p => p[0] < points[i][0]), ParetoRanking.CountBetter(points, i));
        }
    }
}

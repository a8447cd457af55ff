using FsCheck.Xunit;
using Hone.Pruners;

namespace Hone.Tests.Pruners;

public class ParetoRankingTests
{
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

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class DasDennisTests
{
    [Property]
    public Property Points_AnyDimensionAndDivisions_AreTheDistinctSimplexGridPoints() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 5)), Arb.From(Gen.Choose(1, 8)), (objectives, divisions) =>
        {
            var points = DasDennis.Points(objectives, divisions);

            Assert.Equal(DasDennis.Count(objectives, divisions), points.Length);
            Assert.Equal(Binomial(objectives + divisions - 1, divisions), points.Length);
            Assert.All(points, p =>
            {
                Assert.Equal(objectives, p.Length);
                Assert.Equal(1, p.Sum(), 1e-12);
                Assert.All(p, v => Assert.True(v >= 0 && Math.Abs((v * divisions) - Math.Round(v * divisions)) < 1e-9));
            });
            Assert.Equal(points.Length, points.Select(p => string.Join(",", p.Select(v => Math.Round(v * divisions)))).Distinct().Count());
        });

    [Property]
    public Property DivisionsFor_AnyLimit_GivesTheLargestDivisionsThatFit() =>
        Prop.ForAll(Arb.From(Gen.Choose(2, 6)), Arb.From(Gen.Choose(1, 400)), (objectives, limit) =>
        {
            var divisions = DasDennis.DivisionsFor(objectives, limit);

            Assert.True(divisions >= 1);
            Assert.True(divisions == 1 || DasDennis.Count(objectives, divisions) <= limit);
            Assert.True(DasDennis.Count(objectives, divisions + 1) > limit);
        });

    [Fact]
    public void Count_DebAndJainSettings_MatchTheirPaper()
    {
        Assert.Equal(91, DasDennis.Count(3, 12));
        Assert.Equal(210, DasDennis.Count(5, 6));
        Assert.Equal(45, DasDennis.Count(3, 8));
        Assert.Equal(long.MaxValue, DasDennis.Count(60, 1000));
    }

    [Fact]
    public void Points_ThreeObjectivesTwoDivisions_ListsTheSixGridPoints()
    {
        double[][] expected = [[1, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]];

        Assert.Equal(expected, DasDennis.Points(3, 2));
    }

    private static long Binomial(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}

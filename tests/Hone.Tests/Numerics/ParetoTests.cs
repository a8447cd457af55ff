using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class ParetoTests
{
    [Property]
    public Property NonDominated_AnyPoints_MatchesBruteForce() =>
        Prop.ForAll(Arb.From(Points()), points =>
        {
            var expected = Enumerable.Range(0, points.Length)
                .Where(i => !points.Any(other => DominatesByDefinition(other, points[i])));

            Assert.Equal(expected, Pareto.NonDominated(points));
        });

    [Property]
    public Property Ranks_AnyPoints_MatchRepeatedPeeling() =>
        Prop.ForAll(Arb.From(Points()), points =>
        {
            var expected = new int[points.Length];
            var remaining = Enumerable.Range(0, points.Length).ToList();
            for (var rank = 0; remaining.Count > 0; rank++)
            {
                var front = remaining.Where(i => !remaining.Any(j => DominatesByDefinition(points[j], points[i]))).ToList();
                front.ForEach(i => expected[i] = rank);
                remaining.RemoveAll(front.Contains);
            }

            Assert.Equal(expected, Pareto.Ranks(points));
        });

    [Fact]
    public void Ranks_ChainAndDuplicates_CountFronts()
    {
        double[][] points = [[3, 3], [1, 1], [2, 2], [1, 1], [0, 4]];

        Assert.Equal([2, 0, 1, 0, 0], Pareto.Ranks(points));
    }

    [Fact]
    public void Dominates_EqualPoints_IsFalseBothWays()
    {
        Assert.False(Pareto.Dominates([1, 2], [1, 2]));
        Assert.True(Pareto.Dominates([1, 2], [1, 3]));
        Assert.False(Pareto.Dominates([1, 3], [2, 2]));
    }

    [Fact]
    public void NonDominated_Duplicates_AreAllKept()
    {
        double[][] points = [[1, 1], [0, 5], [1, 1], [2, 2]];

        Assert.Equal([0, 1, 2], Pareto.NonDominated(points));
    }

    [Fact]
    public void NonDominated_NoPoints_IsEmpty()
    {
        Assert.Empty(Pareto.NonDominated([]));
    }

    private static bool DominatesByDefinition(double[] a, double[] b) =>
        a.Zip(b).All(p => p.First <= p.Second) && a.Zip(b).Any(p => p.First < p.Second);

    /// <summary>Up to ~50 points of 1 to 4 objectives on a coarse grid, so that ties and duplicates are common.</summary>
    private static Gen<double[][]> Points() =>
        from dimensions in Gen.Choose(1, 4)
        from points in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 6).Select(v => v / 2.0), dimensions))
        select points;
}

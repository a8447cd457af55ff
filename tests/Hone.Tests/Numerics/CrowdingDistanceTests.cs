using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class CrowdingDistanceTests
{
    [Fact]
    public void Compute_PointsOnALine_GivesEndsInfinityAndInnerPointsTheirNeighboursGap()
    {
        double[][] points = [[0, 4], [1, 3], [3, 1], [4, 0]];

        var distances = CrowdingDistance.Compute(points);

        // Each objective spans 4: point 1's neighbours are 3 apart in each, point 2's too.
        Assert.Equal([double.PositiveInfinity, 1.5, 1.5, double.PositiveInfinity], distances);
    }

    [Fact]
    public void Compute_TwoPointsOrFewer_AreAllInfinitelyIsolated()
    {
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], CrowdingDistance.Compute([[1.0, 2], [1.0, 2]]));
        Assert.Empty(CrowdingDistance.Compute([]));
    }

    [Fact]
    public void Compute_ObjectiveWhereAllAgree_AddsNothing()
    {
        double[][] points = [[5, 0], [5, 1], [5, 3]];

        Assert.Equal([double.PositiveInfinity, 1.0, double.PositiveInfinity], CrowdingDistance.Compute(points));
    }

    [Fact]
    public void Compute_InfiniteValue_NeverGivesNaN()
    {
        var distances = CrowdingDistance.Compute([[0, 4], [1, 3], [double.PositiveInfinity, -1]]);

        // The infinite range of the first objective adds nothing to the inner point; the second adds (4 + 1) / 5.
        Assert.Equal([double.PositiveInfinity, 1, double.PositiveInfinity], distances);
    }

    [Fact]
    public void ComputeSharingTies_HandMadeFront_GivesEndsInfinityAndInnerPointsTheirNeighboursGaps()
    {
        double[][] front = [[0, 4], [1, 3], [3.5, 0.5], [4, 0]];

        // (1, 3): (3.5 - 0) / 4 + (4 - 0.5) / 4; (3.5, 0.5): (4 - 1) / 4 + (3 - 0) / 4.
        Assert.Equal([double.PositiveInfinity, 1.75, 1.5, double.PositiveInfinity], CrowdingDistance.ComputeSharingTies(front));
    }

    [Fact]
    public void ComputeSharingTies_EqualPoints_ShareTheirDistance()
    {
        Assert.Equal([double.PositiveInfinity, 2, 2, double.PositiveInfinity], CrowdingDistance.ComputeSharingTies([[0, 2], [1, 1], [1, 1], [2, 0]]));
        Assert.Equal([0.0, 0.0, 0.0], CrowdingDistance.ComputeSharingTies([[1, 5], [1, 5], [1, 5]]));

        // Sorted by index instead, the first twin gets the lower neighbour of both.
        Assert.Equal([double.PositiveInfinity, 1, 1, double.PositiveInfinity], CrowdingDistance.Compute([[0, 2], [1, 1], [1, 1], [2, 0]]));
    }

    [Property]
    public Property ComputeSharingTies_AnyOrder_GivesEachPointTheSameDistance() =>
        Prop.ForAll(Arb.From(Points()), Arb.From(Gen.Choose(0, int.MaxValue)), (points, shuffleSeed) =>
        {
            var order = Enumerable.Range(0, points.Length).ToArray();
            new Random(shuffleSeed).Shuffle(order);
            var shuffled = order.Select(i => points[i]).ToArray();

            var distances = CrowdingDistance.ComputeSharingTies(points);
            var shuffledDistances = CrowdingDistance.ComputeSharingTies(shuffled);

            for (var j = 0; j < order.Length; j++)
            {
                Assert.True(Close(distances[order[j]], shuffledDistances[j]), $"point {order[j]}: {distances[order[j]]} became {shuffledDistances[j]}");
            }
        });

    [Property]
    public Property Compute_AnyFront_IsNonNegativeWithEveryObjectivesExtremesInfinite() =>
        Prop.ForAll(Arb.From(Points()), points =>
        {
            var distances = CrowdingDistance.Compute(points);

            Assert.All(distances, d => Assert.True(d >= 0));
            if (points.Length <= 2)
            {
                return;
            }

            for (var k = 0; k < points[0].Length; k++)
            {
                var values = points.Select(p => p[k]).ToArray();
                if (values.Max() > values.Min())
                {
                    Assert.Contains(Enumerable.Range(0, points.Length), i => values[i] == values.Min() && double.IsPositiveInfinity(distances[i]));
                    Assert.Contains(Enumerable.Range(0, points.Length), i => values[i] == values.Max() && double.IsPositiveInfinity(distances[i]));
                }
            }
        });

    [Property]
    public Property Compute_ObjectivesRescaledAndShifted_GivesTheSameDistances() =>
        Prop.ForAll(Arb.From(Points()), Arb.From(Gen.Choose(1, 1000)), (points, factor) =>
        {
            var scaled = points.Select(p => p.Select((v, k) => (v * factor * (k + 1)) - 7).ToArray()).ToArray();

            var expected = CrowdingDistance.Compute(points);
            var actual = CrowdingDistance.Compute(scaled);

            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Close(expected[i], actual[i]), $"point {i}: {expected[i]} became {actual[i]}");
            }
        });

    [Property]
    public Property Compute_DistinctValuesInAnotherOrder_FollowTheirPoints() =>
        Prop.ForAll(Arb.From(DistinctPoints()), Arb.From(Gen.Choose(0, int.MaxValue)), (points, shuffleSeed) =>
        {
            var order = Enumerable.Range(0, points.Length).ToArray();
            new Random(shuffleSeed).Shuffle(order);
            var shuffled = order.Select(i => points[i]).ToArray();

            var distances = CrowdingDistance.Compute(points);
            var shuffledDistances = CrowdingDistance.Compute(shuffled);

            for (var j = 0; j < order.Length; j++)
            {
                Assert.True(Close(distances[order[j]], shuffledDistances[j]), $"point {order[j]}: {distances[order[j]]} became {shuffledDistances[j]}");
            }
        });

    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-9;

    /// <summary>Up to ~30 points of 1 to 4 objectives on a coarse grid, so that ties are common.</summary>
    private static Gen<double[][]> Points() =>
        from dimensions in Gen.Choose(1, 4)
        from points in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 8).Select(v => v / 4.0), dimensions))
        select points;

    /// <summary>Points whose values differ within each objective, so that the sort order is unique.</summary>
    private static Gen<double[][]> DistinctPoints() =>
        from dimensions in Gen.Choose(1, 3)
        from count in Gen.Choose(3, 12)
        from columns in Gen.ArrayOf(Gen.Shuffle(Enumerable.Range(0, 50).ToArray()).Select(a => a.Take(count).ToArray()), dimensions)
        select Enumerable.Range(0, count).Select(i => columns.Select(c => (double)c[i]).ToArray()).ToArray();
}

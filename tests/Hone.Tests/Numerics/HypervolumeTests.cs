using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

/// <remarks>
/// Most properties use points on a grid of halves, so that every volume is a small dyadic number and the algorithms,
/// whatever order they add in, must agree exactly; ties, duplicates and points on the reference's faces are common.
/// </remarks>
public class HypervolumeTests
{
    [Property(MaxTest = 150)]
    public Property Compute_GridPoints_MatchesCellDecomposition() =>
        Prop.ForAll(Arb.From(GridCase()), c => Assert.Equal(BruteForce(c.Points, c.Reference), Hypervolume.Compute(c.Points, c.Reference)));

    [Property(MaxTest = 30)]
    public Property Compute_ContinuousPoints_MatchesCellDecomposition() =>
        Prop.ForAll(Arb.From(ContinuousCase()), c =>
        {
            var expected = BruteForce(c.Points, c.Reference);
            Assert.Equal(expected, Hypervolume.Compute(c.Points, c.Reference), 1e-12 * Math.Max(1, expected));
        });

    [Property(MaxTest = 60)]
    public Property Compute_Permuted_IsUnchanged() =>
        Prop.ForAll(Arb.From(GridCase()), Arb.From(Gen.Choose(0, int.MaxValue)), (c, seed) =>
        {
            var shuffled = c.Points.ToArray();
            new Random(seed).Shuffle(shuffled);

            Assert.Equal(Hypervolume.Compute(c.Points, c.Reference), Hypervolume.Compute(shuffled, c.Reference));
        });

    [Property(MaxTest = 60)]
    public Property Compute_AddingAPoint_NeverDecreases() =>
        Prop.ForAll(Arb.From(GridCase(extraPoint: true)), c =>
        {
            var without = Hypervolume.Compute(c.Points[..^1], c.Reference);

            Assert.True(Hypervolume.Compute(c.Points, c.Reference) >= without);
        });

    [Property(MaxTest = 60)]
    public Property Compute_AddingADominatedPoint_ChangesNothing() =>
        Prop.ForAll(Arb.From(GridCase()), Arb.From(Gen.Choose(0, int.MaxValue)), (c, seed) =>
        {
            if (c.Points.Length == 0)
            {
                return;
            }

            var random = new Random(seed);
            var dominated = c.Points[random.Next(c.Points.Length)].Select(v => v + (random.Next(3) / 2.0)).ToArray();

            Assert.Equal(Hypervolume.Compute(c.Points, c.Reference), Hypervolume.Compute([.. c.Points, dominated], c.Reference));
        });

    [Property(MaxTest = 100)]
    public Property Contributions_GridPoints_EqualTheDropWithoutEachPoint() =>
        Prop.ForAll(Arb.From(GridCase()), c =>
        {
            var all = Hypervolume.Compute(c.Points, c.Reference);
            var expected = Enumerable.Range(0, c.Points.Length)
                .Select(i => all - Hypervolume.Compute([.. c.Points[..i], .. c.Points[(i + 1)..]], c.Reference));

            Assert.Equal(expected, Hypervolume.Contributions(c.Points, c.Reference));
        });

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Contributions_FrontOnASphere_EqualTheDropWithoutEachPoint(int d)
    {
        // Every point non-dominated, each boxed in by neighbours on all sides: the case the walls shortcut is for.
        var random = new Random(d);
        var points = Enumerable.Range(0, 60).Select(_ =>
        {
            var v = Enumerable.Range(0, d).Select(_ => Math.Abs(Normal(random))).ToArray();
            var norm = Math.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        }).ToArray();
        var reference = Enumerable.Repeat(1.1, d).ToArray();
        var all = Hypervolume.Compute(points, reference);

        var contributions = Hypervolume.Contributions(points, reference);

        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(all - Hypervolume.Compute([.. points[..i], .. points[(i + 1)..]], reference), contributions[i], 1e-12);
            Assert.True(contributions[i] > 0);
        }
    }

    [Property(MaxTest = 100)]
    public Property SelectGreedy_GridPoints_MatchesPlainGreedy() =>
        Prop.ForAll(Arb.From(GridCase()), Arb.From(Gen.Choose(0, 20)), (c, size) =>
        {
            var count = Math.Min(size, c.Points.Length);
            var expected = new List<int>();
            for (var round = 0; round < count; round++)
            {
                var best = -1;
                var bestVolume = double.NegativeInfinity;
                for (var i = 0; i < c.Points.Length; i++)
                {
                    if (expected.Contains(i))
                    {
                        continue;
                    }

                    var volume = BruteForce([.. expected.Select(j => c.Points[j]), c.Points[i]], c.Reference);
                    if (volume > bestVolume)
                    {
                        (best, bestVolume) = (i, volume);
                    }
                }

                expected.Add(best);
            }

            Assert.Equal(expected, Hypervolume.SelectGreedy(c.Points, count, c.Reference));
        });

    [Property(MaxTest = 10)]
    public Property Compute_ThreeObjectives_MatchesSlicesOfTwoObjectiveVolumes() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var points = Enumerable.Range(0, 100).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
            double[] reference = [1.1, 1.2, 1.3];
            var heights = points.Select(p => p[2]).Append(reference[2]).Order().ToArray();
            var expected = 0.0;
            for (var s = 0; s + 1 < heights.Length; s++)
            {
                var below = points.Where(p => p[2] <= heights[s]).Select(p => p[..2]).ToArray();
                expected += Hypervolume.Compute(below, reference.AsSpan(0, 2)) * (heights[s + 1] - heights[s]);
            }

            Assert.Equal(expected, Hypervolume.Compute(points, reference), 1e-12);
        });

    [Fact]
    public void Compute_OnePoint_IsItsBox()
    {
        Assert.Equal(3.0, Hypervolume.Compute([[1.5]], [4.5]));
        Assert.Equal(2.0 * 3 * 4 * 5 * 6, Hypervolume.Compute([[0, 0, 0, 0, 0]], [2, 3, 4, 5, 6]));
    }

    [Fact]
    public void Compute_TwoObjectiveStaircase_IsTheSumOfItsSteps()
    {
        double[][] points = [[1, 3], [2, 2], [3, 1], [2.5, 2.5]];

        Assert.Equal(3 + 2 + 1, Hypervolume.Compute(points, [4, 4]));
    }

    [Fact]
    public void Compute_ThreeAxisPoints_IsTheInclusionExclusionSum()
    {
        double[][] points = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

        // Three boxes of 4, three pairwise overlaps of 2, one triple overlap of 1.
        Assert.Equal(12 - 6 + 1, Hypervolume.Compute(points, [2, 2, 2]));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Compute_UnitVectorsComplement_IsObjectivesPlusOne(int d)
    {
        // Point i is 0 in objective i and 1 elsewhere: each box is 2, and any two or more overlap in the unit cube, so
        // inclusion-exclusion gives 2d − (d − 1).
        var points = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(k => k == i ? 0.0 : 1.0).ToArray()).ToArray();

        Assert.Equal(d + 1, Hypervolume.Compute(points, Enumerable.Repeat(2.0, d).ToArray()));
    }

    [Fact]
    public void Compute_PointsNotStrictlyBetterThanTheReference_ContributeNothing()
    {
        double[][] points = [[1, 1], [3, 0], [0, 3], [double.NaN, 0], [0, double.PositiveInfinity]];

        Assert.Equal(4, Hypervolume.Compute(points, [3, 3]));
        Assert.Equal([4.0, 0, 0, 0, 0], Hypervolume.Contributions(points, [3, 3]));
    }

    [Fact]
    public void Compute_NoPoints_IsZero()
    {
        Assert.Equal(0, Hypervolume.Compute([], [1, 1, 1]));
        Assert.Empty(Hypervolume.Contributions([], [1, 1, 1]));
        Assert.Empty(Hypervolume.SelectGreedy([], 0, [1, 1, 1]));
    }

    [Fact]
    public void Compute_ThreeObjectiveSphere_MatchesSlicesOfTwoObjectiveVolumes()
    {
        // All points non-dominated: the 3-D sweep's worst case.
        var points = SpherePoints(1000, seed: 5);
        double[] reference = [1.1, 1.1, 1.1];
        var byHeight = points.OrderBy(p => p[2]).ToArray();
        var expected = 0.0;
        for (var s = 0; s < byHeight.Length; s++)
        {
            var top = s + 1 < byHeight.Length ? byHeight[s + 1][2] : reference[2];
            expected += Hypervolume.Compute(byHeight[..(s + 1)].Select(p => p[..2]).ToArray(), reference.AsSpan(0, 2)) * (top - byHeight[s][2]);
        }

        Assert.Equal(expected, Hypervolume.Compute(points, reference), 1e-12);
    }

    [Fact]
    public void Compute_SphereOf10000Points_LiesBetweenASubsetAndTheWholeSphere()
    {
        var points = SpherePoints(10_000, seed: 6);
        double[] reference = [1.1, 1.1, 1.1];

        var volume = Hypervolume.Compute(points, reference);

        // Adding points cannot lose volume, and no finite set covers what the whole sphere does: the box less an eighth of the ball.
        Assert.InRange(volume, Hypervolume.Compute(points[..1000], reference), (1.1 * 1.1 * 1.1) - (Math.PI / 6));
    }

    [Fact]
    public void Contributions_DominatingPoint_LosesWhatItAloneCovers()
    {
        double[][] points = [[0, 0], [1, 1], [0, 0.5]];

        // Point 0 alone covers the strip 0 ≤ y < 0.5: 2 × 0.5; the others are dominated.
        Assert.Equal([1.0, 0, 0], Hypervolume.Contributions(points, [2, 2]));
    }

    [Fact]
    public void Contributions_DuplicatePoints_AreZero()
    {
        double[][] points = [[1, 2, 3], [1, 2, 3], [2, 1, 3]];

        var contributions = Hypervolume.Contributions(points, [4, 4, 4]);

        Assert.Equal(0, contributions[0]);
        Assert.Equal(0, contributions[1]);
        Assert.Equal(1 * 2 * 1, contributions[2]);
    }

    [Fact]
    public void SelectGreedy_TwoObjectives_TakesTheLargestBoxThenTheLargestGain()
    {
        double[][] points = [[0, 3], [1, 1], [3, 0], [1.5, 1.5]];

        // Boxes: 4, 9, 4, 6.25; after [1, 1], the corners each add 1 and [1.5, 1.5] nothing.
        Assert.Equal([1, 0, 2], Hypervolume.SelectGreedy(points, 3, [4, 4]));
    }

    [Fact]
    public void SelectGreedy_CountOutOfRange_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Hypervolume.SelectGreedy([[1.0, 1.0]], 2, [2, 2]));

        Assert.Contains("0 to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_PointWithOtherObjectiveCount_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1.0, 1.0], [1.0]], [2, 2]));

        Assert.Contains("Point 1 has 1 objective(s), but the reference point has 2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Exact hypervolume by definition: the grid of every distinct coordinate cuts the space into cells, each
    /// either dominated by some point (its lower corner is) or not.</summary>
    internal static double BruteForce(IReadOnlyList<double[]> points, double[] reference)
    {
        var d = reference.Length;
        var inside = points.Where(p => p.Select((v, k) => v < reference[k]).All(b => b)).ToList();
        if (inside.Count == 0)
        {
            return 0;
        }

        var cuts = Enumerable.Range(0, d).Select(k => inside.Select(p => p[k]).Append(reference[k]).Distinct().Order().ToArray()).ToArray();
        var index = new int[d];
        var volume = 0.0;
        for (var axis = 0; axis < d;)
        {
            if (inside.Exists(p => Enumerable.Range(0, d).All(k => p[k] <= cuts[k][index[k]])))
            {
                volume += Enumerable.Range(0, d).Aggregate(1.0, (v, k) => v * (cuts[k][index[k] + 1] - cuts[k][index[k]]));
            }

            // The next cell, like an odometer.
            for (axis = 0; axis < d && ++index[axis] == cuts[axis].Length - 1; axis++)
            {
                index[axis] = 0;
            }
        }

        return volume;
    }

    internal static double[][] SpherePoints(int count, int seed)
    {
        var random = new Random(seed);
        var points = new double[count][];
        for (var i = 0; i < count; i++)
        {
            double[] v = [Math.Abs(Normal(random)), Math.Abs(Normal(random)), Math.Abs(Normal(random))];
            var norm = Math.Sqrt((v[0] * v[0]) + (v[1] * v[1]) + (v[2] * v[2]));
            points[i] = [v[0] / norm, v[1] / norm, v[2] / norm];
        }

        return points;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>1 to 5 objectives, up to 14 points (8 from 4 objectives) on the halves 0 to 3, a reference of 2.5 to 3.5
    /// per objective; with <paramref name="extraPoint"/>, at least one point.</summary>
    private static Gen<Case> GridCase(bool extraPoint = false) =>
        from d in Gen.Choose(1, 5)
        from n in Gen.Choose(extraPoint ? 1 : 0, d <= 3 ? 14 : 8)
        from points in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 6).Select(v => v / 2.0), d), n)
        from reference in Gen.ArrayOf(Gen.Choose(5, 7).Select(v => v / 2.0), d)
        select new Case(points, reference);

    /// <summary>1 to 4 objectives, up to 10 uniform points in [0, 1), the reference 1 per objective.</summary>
    private static Gen<Case> ContinuousCase() =>
        from d in Gen.Choose(1, 4)
        from n in Gen.Choose(0, 10)
        from seed in Gen.Choose(0, int.MaxValue)
        let random = new Random(seed)
        select new Case(
            Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => random.NextDouble()).ToArray()).ToArray(),
            Enumerable.Repeat(1.0, d).ToArray());

    internal sealed record Case(double[][] Points, double[] Reference)
    {
        public override string ToString() =>
            $"points [{string.Join("; ", Points.Select(p => string.Join(", ", p)))}] reference [{string.Join(", ", Reference)}]";
    }
}

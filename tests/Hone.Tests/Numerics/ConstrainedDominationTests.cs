using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class ConstrainedDominationTests
{
    [Fact]
    public void Dominates_FeasibleAgainstInfeasible_WinsWhateverTheObjectives()
    {
        Assert.True(ConstrainedDomination.Dominates([9, 9], 0, [0, 0], 0.1));
        Assert.False(ConstrainedDomination.Dominates([0, 0], 0.1, [9, 9], 0));
    }

    [Fact]
    public void Dominates_TwoInfeasible_SmallerViolationWinsWhateverTheObjectives()
    {
        Assert.True(ConstrainedDomination.Dominates([9, 9], 1, [0, 0], 2));
        Assert.False(ConstrainedDomination.Dominates([0, 0], 2, [9, 9], 1));
        Assert.False(ConstrainedDomination.Dominates([0, 0], 2, [9, 9], 2));
    }

    [Fact]
    public void Dominates_TwoFeasible_ComparesByPareto()
    {
        Assert.True(ConstrainedDomination.Dominates([1, 1], 0, [1, 2], 0));
        Assert.False(ConstrainedDomination.Dominates([1, 2], 0, [2, 1], 0));
    }

    [Fact]
    public void Ranks_MixedPoints_PutFeasibleFrontsFirstThenInfeasibleByViolation()
    {
        double[][] points = [[0, 0], [1, 1], [2, 0], [5, 5], [0, 9], [-1, -1]];
        double[] violations = [0.5, 0, 0, 0, 0.5, 2];

        Assert.Equal([2, 0, 0, 1, 2, 3], ConstrainedDomination.Ranks(points, violations));
    }

    [Property]
    public Property Ranks_AnyPoints_MatchRepeatedPeelingUnderConstrainedDomination() =>
        Prop.ForAll(Arb.From(Points()), points =>
        {
            var objectives = points.Select(p => p.Objectives).ToArray();
            var violations = points.Select(p => p.Violation).ToArray();
            var expected = new int[points.Length];
            var remaining = Enumerable.Range(0, points.Length).ToList();
            for (var rank = 0; remaining.Count > 0; rank++)
            {
                var front = remaining.Where(i => !remaining.Any(j =>
                    ConstrainedDomination.Dominates(objectives[j], violations[j], objectives[i], violations[i]))).ToList();
                front.ForEach(i => expected[i] = rank);
                remaining.RemoveAll(front.Contains);
            }

            Assert.Equal(expected, ConstrainedDomination.Ranks(objectives, violations));
        });

    /// <summary>Points on a coarse grid, a third of them infeasible with one of three violations.</summary>
    private static Gen<(double[] Objectives, double Violation)[]> Points() =>
        from dimensions in Gen.Choose(1, 3)
        from points in Gen.ArrayOf(
            from objectives in Gen.ArrayOf(Gen.Choose(0, 4).Select(v => (double)v), dimensions)
            from violation in Gen.Choose(-3, 3).Select(v => v > 0 ? v / 2.0 : 0)
            select (objectives, violation))
        select points;
}

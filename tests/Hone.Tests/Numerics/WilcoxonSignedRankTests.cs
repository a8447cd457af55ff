using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class WilcoxonSignedRankTests
{
    // Expected values from SciPy 1.10: scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit", method=...).
    [Theory]
    [InlineData(new[] { 1.0, 2, 3 }, true, 0.125)]
    [InlineData(new[] { 1.0, 2, -3 }, true, 0.625)]
    [InlineData(new[] { 0.5, -1.5, 2.5, 3.5, -4.5, 5.5, 6.5 }, true, 0.1484375)]
    [InlineData(new[] { 0.5, -1.5, 2.5, 3.5, -4.5, 5.5, 6.5 }, false, 0.890625)]
    public void PValue_NoTiesNorZeros_IsExact(double[] differences, bool greater, double expected)
    {
        Assert.Equal(expected, WilcoxonSignedRank.PValue(differences, greater), 12);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1, 2, -2, 3, 0, 4, 5 }, true, 0.03401241853610848)]
    [InlineData(new[] { 1.0, 1, 2, -2, 3, 0, 4, 5 }, false, 0.9659875814638915)]
    [InlineData(new[] { 0.0, 0, 0 }, true, 0.5)]
    public void PValue_TiesOrZeros_UsesTheTieCorrectedNormalApproximation(double[] differences, bool greater, double expected)
    {
        Assert.Equal(expected, WilcoxonSignedRank.PValue(differences, greater), 12);
    }

    [Fact]
    public void PValue_MoreThan50Differences_UsesTheNormalApproximation()
    {
        var differences = Enumerable.Range(0, 60).Select(i => (i % 7) - 2.5 + (0.01 * i)).ToArray();

        Assert.Equal(0.010002167704553495, WilcoxonSignedRank.PValue(differences, greater: true), 10);
    }

    [Fact]
    public void PValue_NoDifferences_IsOne()
    {
        Assert.Equal(1, WilcoxonSignedRank.PValue([], greater: true));
    }

    [Property(MaxTest = 100)]
    public Property PValue_NegatedDifferences_SwapTheAlternatives() =>
        Prop.ForAll(
            Arb.From(Gen.ArrayOf(Gen.Choose(-20, 20).Select(v => v / 4.0))),
            differences =>
            {
                var negated = differences.Select(d => -d).ToArray();
                var greater = WilcoxonSignedRank.PValue(differences, greater: true);

                Assert.InRange(greater, 0, 1);
                Assert.Equal(greater, WilcoxonSignedRank.PValue(negated, greater: false), 12);
            });
}

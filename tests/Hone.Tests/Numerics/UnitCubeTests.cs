using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Numerics;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Numerics;

public class UnitCubeTests
{
    private static readonly double AlmostOne = Math.BitDecrement(1.0);

    [Property]
    public Property ToInternal_AnyDistributionAndCoordinate_ReturnsAValueItContains() =>
        Prop.ForAll(
            Arb.From(from d in DistributionGenerators.Any
                     from u in Gen.Elements(0.0, AlmostOne, 0.5).Or(Gen.Choose(0, 999_999).Select(k => k / 1e6))
                     select (d, u)),
            pair =>
            {
                var (distribution, u) = pair;
                var value = UnitCube.ToInternal(distribution, u);

                Assert.True(distribution.Contains(value), $"{distribution} does not contain {value} (u = {u})");
            });

    [Theory]
    [MemberData(nameof(Discrete))]
    public void ToInternal_DiscreteDistribution_GivesEachValueAnEqualCell(Distribution distribution, double[] values)
    {
        // The middle of cell k of n equal cells maps to the k-th value, and the ends to the first and last.
        var n = values.Length;

        Assert.Equal(values, Enumerable.Range(0, n).Select(k => UnitCube.ToInternal(distribution, (k + 0.5) / n)));
        Assert.Equal(values[0], UnitCube.ToInternal(distribution, 0));
        Assert.Equal(values[^1], UnitCube.ToInternal(distribution, AlmostOne));
    }

    public static TheoryData<Distribution, double[]> Discrete() => new()
    {
        { new IntDistribution(0, 4), [0, 1, 2, 3, 4] },
        { new IntDistribution(2, 20, step: 6), [2, 8, 14, 20] },
        { new FloatDistribution(0, 1, step: 0.25), [0, 0.25, 0.5, 0.75, 1] },
        { new CategoricalDistribution(["a", "b", "c"]), [0, 1, 2] },
    };

    [Fact]
    public void ToInternal_LogFloat_IsUniformInLogSpace()
    {
        var distribution = new FloatDistribution(1e-4, 1, log: true);

        Assert.Equal(1e-2, UnitCube.ToInternal(distribution, 0.5), 1e-12);
        Assert.Equal(1e-3, UnitCube.ToInternal(distribution, 0.25), 1e-12);
        Assert.Equal(1e-4, UnitCube.ToInternal(distribution, 0), 1e-16);
    }

    [Fact]
    public void ToInternal_LinearFloat_IsLinear()
    {
        var distribution = new FloatDistribution(-2, 2);

        Assert.Equal(-2, UnitCube.ToInternal(distribution, 0));
        Assert.Equal(1, UnitCube.ToInternal(distribution, 0.75));
    }

    [Fact]
    public void ToInternal_LogInt_GivesTheEndsTheirLogShare()
    {
        var distribution = new IntDistribution(1, 100, log: true);

        Assert.Equal(1, UnitCube.ToInternal(distribution, 0));
        Assert.Equal(100, UnitCube.ToInternal(distribution, AlmostOne));

        // The cell of 1 spans log(0.5) to log(1.5): a fifth of log(100.5 / 0.5).
        Assert.Equal(1, UnitCube.ToInternal(distribution, 0.2));
        Assert.Equal(2, UnitCube.ToInternal(distribution, 0.21));
    }
}

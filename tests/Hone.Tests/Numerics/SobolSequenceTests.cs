using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class SobolSequenceTests
{
    [Property]
    public Property Point_AnyIndexDimensionAndScrambling_LiesInTheUnitCube() =>
        Prop.ForAll(
            Arb.From(from dimension in Gen.Choose(1, SobolSequence.MaxDimension)
                     from index in Gen.Choose(0, int.MaxValue)
                     from shift in Gen.Choose(0, 21)
                     from scramble in Gen.Elements(false, true)
                     from seed in Gen.Choose(0, int.MaxValue)
                     select (dimension, (long)index << shift, scramble, seed)),
            args =>
            {
                var (dimension, index, scramble, seed) = args;
                var point = new SobolSequence(dimension, scramble, seed).Point(index);

                Assert.All(point, x => Assert.InRange(x, 0.0, Math.BitDecrement(1.0)));
            });

    [Fact]
    public void Point_Unscrambled_StartsWithTheKnownPoints()
    {
        var sequence = new SobolSequence(2);

        double[][] expected = [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875]];

        Assert.Equal(expected, Enumerable.Range(0, 6).Select(i => sequence.Point(i)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Point_First256_PutOnePointInEachDyadicIntervalOfEveryDimension(bool scramble)
    {
        var sequence = new SobolSequence(SobolSequence.MaxDimension, scramble, seed: 11);
        var points = Enumerable.Range(0, 256).Select(i => sequence.Point(i)).ToArray();

        for (var j = 0; j < sequence.Dimension; j++)
        {
            Assert.True(QmcTestSupport.OneInEachInterval(points.Select(p => p[j]), 2, 8), $"dimension {j + 1} is not stratified");
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    public void Point_First2PowerM_FormA0M2NetInTheFirstTwoDimensions(bool scramble, int seed)
    {
        const int M = 8;
        var sequence = new SobolSequence(2, scramble, seed);
        var points = Enumerable.Range(0, 1 << M).Select(i => sequence.Point(i)).ToArray();

        // Every box [i/2^a, (i+1)/2^a) x [k/2^(M-a), (k+1)/2^(M-a)) of area 2^-M holds exactly one point.
        for (var a = 0; a <= M; a++)
        {
            var counts = new int[1 << a, 1 << (M - a)];
            foreach (var p in points)
            {
                counts[(int)(p[0] * (1 << a)), (int)(p[1] * (1 << (M - a)))]++;
            }

            Assert.All(counts.Cast<int>(), c => Assert.Equal(1, c));
        }
    }

    [Fact]
    public void Point_SameSeed_GivesTheSamePointsAndOtherSeedsOthers()
    {
        var first = new SobolSequence(5, scramble: true, seed: 3);
        var again = new SobolSequence(5, scramble: true, seed: 3);
        var other = new SobolSequence(5, scramble: true, seed: 4);

        for (var i = 0; i < 32; i++)
        {
            Assert.Equal(first.Point(i), again.Point(i));
            Assert.NotEqual(first.Point(i), other.Point(i));
        }
    }

    [Fact]
    public void Point_MoreDimensions_ExtendsTheSequenceOfFewer()
    {
        var narrow = new SobolSequence(3, scramble: true, seed: 9);
        var wide = new SobolSequence(10, scramble: true, seed: 9);

        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(narrow.Point(i), wide.Point(i).Take(3));
        }
    }

    [Fact]
    public void Point_Scrambled_EstimatesASmoothMeanBetterThanRandomPoints()
    {
        var seeds = Enumerable.Range(0, 11).ToArray();
        var sobol = seeds.Select(s =>
        {
            var sequence = new SobolSequence(5, scramble: true, seed: s);
            return QmcTestSupport.IntegrationError([.. Enumerable.Range(0, 256).Select(i => sequence.Point(i))]);
        });
        var random = seeds.Select(s => QmcTestSupport.RandomIntegrationError(256, s));

        Assert.True(QmcTestSupport.Median(sobol) < QmcTestSupport.Median(random) / 10, $"Sobol {QmcTestSupport.Median(sobol)}, random {QmcTestSupport.Median(random)}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SobolSequence.MaxDimension + 1)]
    public void Constructor_DimensionOutOfRange_Throws(int dimension)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(dimension));
    }
}

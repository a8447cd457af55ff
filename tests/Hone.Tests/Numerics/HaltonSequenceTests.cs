using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class HaltonSequenceTests
{
    [Property]
    public Property Point_AnyIndexDimensionAndScrambling_LiesInTheUnitCube() =>
        Prop.ForAll(
            Arb.From(from dimension in Gen.Choose(1, 200)
                     from index in Gen.Choose(0, int.MaxValue)
                     from scramble in Gen.Elements(false, true)
                     from seed in Gen.Choose(0, int.MaxValue)
                     select (dimension, index, scramble, seed)),
            args =>
            {
                var (dimension, index, scramble, seed) = args;
                var point = new HaltonSequence(dimension, scramble, seed).Point(index);

                Assert.All(point, x => Assert.InRange(x, 0.0, Math.BitDecrement(1.0)));
            });

    [Fact]
    public void Point_FirstDimensionUnscrambled_IsTheVanDerCorputSequence()
    {
        var sequence = new HaltonSequence(1);

        double[] expected = [0, 0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875, 0.0625, 0.5625, 0.3125, 0.8125];

        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(i => sequence.Point(i)[0]));
    }

    [Fact]
    public void Point_SecondDimensionUnscrambled_IsTheRadicalInverseInBaseThree()
    {
        var sequence = new HaltonSequence(2);

        double[] expected = [0, 1 / 3.0, 2 / 3.0, 1 / 9.0, 4 / 9.0, 7 / 9.0, 2 / 9.0, 5 / 9.0, 8 / 9.0, 1 / 27.0];

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], sequence.Point(i)[1], 1e-15);
        }
    }

    [Fact]
    public void Bases_AreThePrimesInOrder()
    {
        Assert.Equal([2, 3, 5, 7, 11, 13, 17, 19, 23, 29], new HaltonSequence(10).Bases);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 5)]
    [InlineData(true, 6)]
    public void Point_FirstBaseToTheM_PutOnePointInEachIntervalOfItsBase(bool scramble, int seed)
    {
        var sequence = new HaltonSequence(4, scramble, seed);

        // Base 2, 3, 5 and 7 with 2^8, 3^5, 5^3 and 7^3 points.
        foreach (var (j, digits) in new[] { (0, 8), (1, 5), (2, 3), (3, 3) })
        {
            var b = sequence.Bases[j];
            var count = (int)Math.Pow(b, digits);
            Assert.True(
                QmcTestSupport.OneInEachInterval(Enumerable.Range(0, count).Select(i => sequence.Point(i)[j]), b, digits),
                $"base {b} is not stratified");
        }
    }

    [Fact]
    public void Point_SameSeed_GivesTheSamePointsAndOtherSeedsOthers()
    {
        var first = new HaltonSequence(5, scramble: true, seed: 3);
        var again = new HaltonSequence(5, scramble: true, seed: 3);
        var other = new HaltonSequence(5, scramble: true, seed: 4);

        for (var i = 0; i < 32; i++)
        {
            Assert.Equal(first.Point(i), again.Point(i));
            Assert.NotEqual(first.Point(i), other.Point(i));
        }
    }

    [Fact]
    public void Point_MoreDimensions_ExtendsTheSequenceOfFewer()
    {
        var narrow = new HaltonSequence(3, scramble: true, seed: 9);
        var wide = new HaltonSequence(10, scramble: true, seed: 9);

        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(narrow.Point(i), wide.Point(i).Take(3));
        }
    }

    [Fact]
    public void Point_Scrambled_EstimatesASmoothMeanBetterThanRandomPoints()
    {
        var seeds = Enumerable.Range(0, 11).ToArray();
        var halton = seeds.Select(s =>
        {
            var sequence = new HaltonSequence(5, scramble: true, seed: s);
            return QmcTestSupport.IntegrationError([.. Enumerable.Range(0, 256).Select(i => sequence.Point(i))]);
        });
        var random = seeds.Select(s => QmcTestSupport.RandomIntegrationError(256, s));

        Assert.True(QmcTestSupport.Median(halton) < QmcTestSupport.Median(random) / 3, $"Halton {QmcTestSupport.Median(halton)}, random {QmcTestSupport.Median(random)}");
    }

    [Fact]
    public void Point_IndexBeyondTheExactDigits_Throws()
    {
        var sequence = new HaltonSequence(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => sequence.Point(sequence.MaxIndex));
    }
}

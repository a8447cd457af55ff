using DigitsMlp.Training;

namespace DigitsMlp.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void NextInt_StaysInRangeAndReachesEveryValue()
    {
        var random = new SplitMix64(3);
        var seen = new int[7];

        for (var i = 0; i < 1000; i++)
        {
            seen[random.NextInt(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 100, 190));
    }

    [Fact]
    public void NextGaussian_HasMeanZeroAndUnitVariance()
    {
        var random = new SplitMix64(9);
        var draws = Enumerable.Range(0, 20000).Select(_ => random.NextGaussian()).ToArray();

        var mean = draws.Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(draws.Average(x => (x - mean) * (x - mean)), 0.96, 1.04);
    }

    [Fact]
    public void Clone_ContinuesTheSameSequence()
    {
        var random = new SplitMix64(1);
        random.NextGaussian();
        var copy = random.Clone();

        Assert.Equal(random.NextGaussian(), copy.NextGaussian());
        Assert.Equal(random.NextUInt64(), copy.NextUInt64());
    }

    [Fact]
    public void Mix_DifferentInputs_GiveDifferentSeeds()
    {
        var seeds = Enumerable.Range(0, 100).Select(i => SplitMix64.Mix(1, (ulong)i)).Concat(Enumerable.Range(0, 100).Select(i => SplitMix64.Mix(2, (ulong)i)));

        Assert.Equal(200, seeds.Distinct().Count());
    }
}

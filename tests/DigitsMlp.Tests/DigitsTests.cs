using DigitsMlp.Training;

namespace DigitsMlp.Tests;

public class DigitsTests
{
    [Fact]
    public void Load_ReadsAllImagesWithScaledPixelsAndTheKnownClassCounts()
    {
        var digits = Digits.Load();

        Assert.Equal(1797, digits.Count);
        Assert.Equal(64, digits.Features);
        var counts = Enumerable.Range(0, 10).Select(c => Enumerable.Range(0, digits.Count).Count(i => digits.Label(i) == c));
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], counts);
        var pixels = Enumerable.Range(0, digits.Count).SelectMany(i => digits.Input(i).ToArray()).ToArray();
        Assert.Equal(0f, pixels.Min());
        Assert.Equal(1f, pixels.Max());
    }

    [Fact]
    public void Split_HoldsOutAFifthOfEachDigit()
    {
        var split = Digits.Split();

        Assert.Equal(1438, split.Train.Count);
        Assert.Equal(359, split.Validation.Count);
        Assert.Same(split, Digits.Split());
    }
}

using DigitsMlp.Training;

namespace DigitsMlp.Tests;

public class DatasetTests
{
    [Fact]
    public void StratifiedSplit_KeepsEachClassShareAndUsesEveryExampleOnce()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 70 ? 0 : i < 90 ? 1 : 2).ToArray();
        var inputs = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        var data = new Dataset(inputs, labels, features: 1, classes: 3);

        var split = data.StratifiedSplit(0.2, seed: 1);

        Assert.Equal([14, 4, 2], Counts(split.Validation));
        Assert.Equal([56, 16, 8], Counts(split.Train));
        var seen = Values(split.Train).Concat(Values(split.Validation)).Order().ToArray();
        Assert.Equal(inputs, seen);
    }

    [Fact]
    public void StratifiedSplit_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var data = new Dataset(Enumerable.Range(0, 50).Select(i => (float)i).ToArray(), Enumerable.Range(0, 50).Select(i => i % 2).ToArray(), 1, 2);

        Assert.Equal(Values(data.StratifiedSplit(0.3, 5).Validation), Values(data.StratifiedSplit(0.3, 5).Validation));
        Assert.NotEqual(Values(data.StratifiedSplit(0.3, 5).Validation), Values(data.StratifiedSplit(0.3, 6).Validation));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void StratifiedSplit_FractionOutsideTheOpenUnitInterval_Throws(double fraction)
    {
        var data = new Dataset([1, 2], [0, 1], 1, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => data.StratifiedSplit(fraction, 1));
    }

    [Fact]
    public void Constructor_InputsOfTheWrongLength_ThrowsWithTheSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3], [0, 1], features: 2, classes: 2));

        Assert.Contains("= 2 * 2 numbers, but holds 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LabelOutOfRange_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset([1, 2], [0, 2], features: 1, classes: 2));

        Assert.Contains("row 1 has label 2", error.Message, StringComparison.Ordinal);
    }

    private static int[] Counts(Dataset data) =>
        [.. Enumerable.Range(0, data.Classes).Select(c => Enumerable.Range(0, data.Count).Count(i => data.Label(i) == c))];

    private static float[] Values(Dataset data) => [.. Enumerable.Range(0, data.Count).Select(i => data.Input(i)[0])];
}

using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Pruners;

public class PercentilePrunerTests
{
    private static readonly double[][] OneToFive = [[1], [2], [3], [4], [5]];

    private static PercentilePruner Pruner(double percentile) => new(new PercentilePrunerOptions { Percentile = percentile, StartupTrials = 0 });

    [Theory]
    [InlineData(2.5, true)]
    [InlineData(2.0, false)]
    public void Prune_Minimize25th_KeepsTheBestQuarter(double value, bool expected)
    {
        // The 25th percentile of 1..5 is 2.
        var study = PrunerStudies.WithCompleteCurves(Pruner(25), StudyDirection.Minimize, OneToFive);

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
    }

    [Theory]
    [InlineData(3.5, true)]
    [InlineData(4.0, false)]
    public void Prune_Maximize25th_KeepsTheBestQuarter(double value, bool expected)
    {
        // Maximized, the best quarter of 1..5 starts at the 75th percentile, 4.
        var study = PrunerStudies.WithCompleteCurves(Pruner(25), StudyDirection.Maximize, OneToFive);

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
    }

    [Theory]
    [InlineData(1.3, true)]
    [InlineData(1.25, false)]
    public void Prune_BetweenRanks_InterpolatesLinearly(double value, bool expected)
    {
        // The 25th percentile of [1, 2] lies a quarter of the way: 1.25.
        var study = PrunerStudies.WithCompleteCurves(Pruner(25), StudyDirection.Minimize, [1], [2]);

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
    }

    [Fact]
    public void Prune_InfiniteValuesAtTheStep_ComparesWithoutNaN()
    {
        var study = PrunerStudies.WithCompleteCurves(Pruner(50), StudyDirection.Minimize, [double.PositiveInfinity], [double.PositiveInfinity], [double.PositiveInfinity]);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 1e300)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Constructor_PercentileOutOfRange_NamesTheRange(double percentile)
    {
        var error = Assert.Throws<ArgumentException>(() => Pruner(percentile));

        Assert.Contains("PercentilePrunerOptions.Percentile must be in [0, 100]", error.Message, StringComparison.Ordinal);
    }
}

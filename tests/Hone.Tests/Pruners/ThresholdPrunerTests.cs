using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Pruners;

public class ThresholdPrunerTests
{
    private static Study NewStudy(ThresholdPrunerOptions options, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions { Pruner = new ThresholdPruner(options), Directions = [direction] });

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.0, false)]
    [InlineData(2.0, false)]
    [InlineData(2.5, true)]
    [InlineData(double.NaN, true)]
    [InlineData(double.PositiveInfinity, true)]
    public void Prune_LastValue_PrunesOutsideTheBoundsOrNaN(double value, bool expected)
    {
        var study = NewStudy(new ThresholdPrunerOptions { Lower = 1, Upper = 2 });

        Assert.Equal(expected, PrunerStudies.Decide(study, PrunerStudies.Running(study, 1.5, value)));
    }

    [Fact]
    public void Prune_EarlierValueOutOfBounds_JudgesOnlyTheLastStep()
    {
        var study = NewStudy(new ThresholdPrunerOptions { Upper = 2 }, StudyDirection.Maximize);

        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 100, 1)));
    }

    [Fact]
    public void Prune_WarmupAndInterval_JudgesOnlyFromTheWarmupStepAtEachInterval()
    {
        var study = NewStudy(new ThresholdPrunerOptions { Upper = 0, WarmupSteps = 2, IntervalSteps = 2 });

        Assert.Equal(
            [false, false, true, false, true],
            Enumerable.Range(1, 5).Select(n => PrunerStudies.Decide(study, PrunerStudies.Running(study, [.. Enumerable.Repeat(1.0, n)]))));
    }

    [Fact]
    public void Constructor_NoBound_SaysWhichToSet()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdPruner(new ThresholdPrunerOptions()));

        Assert.Contains("Lower, Upper or both", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2.0, 1.0, "Lower <= Upper")]
    [InlineData(double.NaN, 1.0, "NaN")]
    public void Constructor_BadBounds_NamesTheRule(double lower, double upper, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdPruner(new ThresholdPrunerOptions { Lower = lower, Upper = upper }));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 50)]
    public Property Prune_ValueInsideTheBounds_IsNeverPruned() =>
        Prop.ForAll(
            Arb.From(from low in Gen.Choose(-1_000_000, 1_000_000)
                     from width in Gen.Choose(0, 1_000_000)
                     from fraction in Gen.Choose(0, 1000)
                     select (Low: low / 10.0, High: (low + width) / 10.0, Fraction: fraction / 1000.0)),
            bounds =>
            {
                var value = Math.Clamp(bounds.Low + ((bounds.High - bounds.Low) * bounds.Fraction), bounds.Low, bounds.High);
                var study = NewStudy(new ThresholdPrunerOptions { Lower = bounds.Low, Upper = bounds.High });

                Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, value)));
            });
}

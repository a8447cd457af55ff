using FsCheck.Xunit;
using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class StepSummaryTests
{
    [Fact]
    public void Of_NoValues_HasNoStepAndNaNValues()
    {
        var summary = StepSummary.Of(new Dictionary<int, double>());

        Assert.Null(summary.Last);
        Assert.Null(summary.Previous);
        Assert.True(double.IsNaN(summary.LastValue));
        Assert.True(double.IsNaN(summary.Best(StudyDirection.Minimize)));
    }

    [Fact]
    public void Of_StepsOutOfOrderWithNaN_ReadsTheLargestStepsAndIgnoresNaN()
    {
        var summary = StepSummary.Of(new Dictionary<int, double> { [4] = 2.0, [9] = double.NaN, [1] = -3.0, [7] = 5.0 });

        Assert.Equal(9, summary.Last);
        Assert.Equal(7, summary.Previous);
        Assert.True(double.IsNaN(summary.LastValue));
        Assert.Equal(-3.0, summary.Best(StudyDirection.Minimize));
        Assert.Equal(5.0, summary.Best(StudyDirection.Maximize));
    }

    [Property(MaxTest = 200)]
    public void Snapshot_AnyReports_SummaryMatchesAPassOverTheValues((byte Step, sbyte Value)[] reports)
    {
        // Small steps, so that steps are often reported again (the trial then summarizes afresh); a value of 0 stands
        // for NaN.
        var study = Study.Create(new StudyOptions());
        var trial = study.Ask();
        var expected = new Dictionary<int, double>();
        foreach (var (step, value) in reports)
        {
            var reported = value == 0 ? double.NaN : value;
            trial.Report(reported, step % 16);
            expected[step % 16] = reported;
        }

        var kept = StepSummary.Of(trial.Snapshot().IntermediateValues);
        var read = StepSummary.Of(new Dictionary<int, double>(expected));
        var numbers = expected.Values.Where(v => !double.IsNaN(v)).ToList();

        Assert.Equal(read, kept);
        Assert.Equal(expected.Count == 0 ? null : expected.Keys.Max(), kept.Last);
        Assert.Equal(expected.Count < 2 ? null : expected.Keys.Order().SkipLast(1).Max(), kept.Previous);
        Assert.Equal(numbers.Count == 0 ? double.NaN : numbers.Min(), kept.Best(StudyDirection.Minimize));
        Assert.Equal(numbers.Count == 0 ? double.NaN : numbers.Max(), kept.Best(StudyDirection.Maximize));
    }
}

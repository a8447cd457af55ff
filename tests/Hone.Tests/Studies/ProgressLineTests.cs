using Hone.Studies;

namespace Hone.Tests.Studies;

public class ProgressLineTests
{
    [Fact]
    public void Render_TrialBudget_ShowsCountFailuresBestAndEta()
    {
        var line = new ProgressLine(TextWriter.Null, total: 100, timeout: null);

        Assert.Equal(
            "25/100 trials (2 failed) | best 0.123457 | 0:30 | ETA 1:30",
            line.Render(25, 2, 0.123456789, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Render_NoBudgetNoBest_ShowsDashAndNoEta()
    {
        var line = new ProgressLine(TextWriter.Null, total: null, timeout: null);

        Assert.Equal("7 trials | best - | 0:05", line.Render(7, 0, null, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Render_Timeout_EtaIsTheTimeLeft()
    {
        var line = new ProgressLine(TextWriter.Null, total: null, timeout: TimeSpan.FromMinutes(10));

        Assert.Equal("3 trials | best -1.5E+10 | 2:00 | ETA 8:00", line.Render(3, 0, -1.5e10, TimeSpan.FromMinutes(2)));
        Assert.Equal("3 trials | best - | 11:00 | ETA 0:00", line.Render(3, 0, null, TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void Render_TrialsAndTimeout_EtaIsTheSoonerEnd()
    {
        var line = new ProgressLine(TextWriter.Null, total: 10, timeout: TimeSpan.FromHours(2));

        Assert.Equal("1/10 trials | best 4 | 1:02:03 | ETA 57:57", line.Render(1, 0, 4, new TimeSpan(1, 2, 3)));
        Assert.Equal("9/10 trials | best 4 | 1:30:00 | ETA 10:00", line.Render(9, 0, 4, TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void Render_NoTrialDoneYet_HasNoTrialBasedEta()
    {
        var line = new ProgressLine(TextWriter.Null, total: 10, timeout: null);

        Assert.Equal("0/10 trials | best - | 0:00", line.Render(0, 0, null, TimeSpan.Zero));
    }
}

using Hone.Cli.Rendering;
using Hone.Trials;

namespace Hone.Tests.Cli.Rendering;

public sealed class CellFormatTests
{
    [Theory]
    [InlineData(0.0125, "0.0125", "0.013s")]
    [InlineData(59.5, "59.5", "59.5s")]
    [InlineData(125, "125", "2m 05s")]
    [InlineData(3725, "3725", "1h 02m")]
    public void Duration_Seconds_PlainIsSecondsRichIsReadable(double seconds, string plain, string rich) =>
        Assert.Equal(new Cell(plain, rich), CellFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Number_Double_PlainRoundTripsRichIsShort()
    {
        var cell = CellFormat.Number(0.1 + 0.2);

        Assert.Equal("0.30000000000000004", cell.Plain);
        Assert.Equal("0.3", cell.Rich);
    }

    [Theory]
    [InlineData(null, "null")]
    [InlineData(true, "true")]
    [InlineData("adam", "adam")]
    [InlineData(7L, "7")]
    [InlineData(-2.5e-7, "-2.5E-07")]
    public void Value_Object_WrittenAsInvariantText(object? value, string expected) =>
        Assert.Equal(expected, CellFormat.Value(value).Plain);

    [Fact]
    public void Time_Offset_WrittenInUtc()
    {
        var cell = CellFormat.Time(new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)));

        Assert.Equal(new Cell("2025-01-02T03:04:05.0000000+00:00", "2025-01-02 03:04Z"), cell);
    }

    [Fact]
    public void State_Failed_IsRed() => Assert.Equal(new Cell("Failed", "Failed", "red"), CellFormat.State(TrialState.Failed));
}

using Hone.Pbt;
using Hone.Trials;

namespace Hone.Tests.Pbt;

public class PbtTrainArgumentsTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(11)]
    public void Report_StepOutsideTheInterval_NamesTheInterval(int step)
    {
        var arguments = new PbtTrainArguments(0, 5, 5, ParameterSet.Empty);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => arguments.Report(0.5, step));

        Assert.StartsWith($"A member reports scores at the steps of its interval, 6 to 10, but got step {step}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutsideARun_RecordsNothing()
    {
        var arguments = new PbtTrainArguments(0, 5, 5, ParameterSet.Empty);

        arguments.Report(0.5, 8);

        Assert.Equal(-1, arguments.TrialNumber);
    }
}

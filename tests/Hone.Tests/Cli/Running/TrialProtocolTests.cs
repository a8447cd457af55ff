using Hone.Cli.Running;
using Hone.Studies;

namespace Hone.Tests.Cli.Running;

public sealed class TrialProtocolTests
{
    private static readonly Objective[] One = [new(null, StudyDirection.Minimize)];
    private static readonly Objective[] Named = [new("accuracy", StudyDirection.Maximize), new("seconds", StudyDirection.Minimize)];
    private static readonly Objective[] Unnamed = [new(null, StudyDirection.Maximize), new(null, StudyDirection.Minimize)];

    [Theory]
    [InlineData("hone: report 0.5", 0.5, null)]
    [InlineData("hone: report 0.5 step=3", 0.5, 3)]
    [InlineData("hone: report step=3 value=-1e-3", -0.001, 3)]
    [InlineData("hone:report\t2", 2.0, null)]
    public void Parse_Report_ReadsValueAndStep(string line, double value, int? step)
    {
        var message = TrialProtocol.Parse(line);

        Assert.Equal(ProtocolKind.Report, message.Kind);
        var (values, read) = TrialProtocol.ReadReport(message, One);
        Assert.Equal([value], values);
        Assert.Equal(step, read);
    }

    [Fact]
    public void Parse_ReportOfNan_IsANumber() =>
        Assert.True(double.IsNaN(TrialProtocol.ReadReport(TrialProtocol.Parse("hone: report nan"), One).Values[0]));

    [Theory]
    [InlineData("hone: report 0.9 120 step=2")]
    [InlineData("hone: report seconds=120 accuracy=0.9 step=2")]
    [InlineData("hone: report step=2 accuracy=0.9 lr=0.01 seconds=120")]
    public void ReadReport_TwoObjectives_TakesOneValuePerObjectiveByPositionOrName(string line)
    {
        var (values, step) = TrialProtocol.ReadReport(TrialProtocol.Parse(line), Named);

        Assert.Equal([0.9, 120], values);
        Assert.Equal(2, step);
    }

    [Theory]
    [InlineData("hone: report 0.9", "report gives 1 value(s), but the study has 2 objective(s). Print one value per objective, such as 'hone: report accuracy=... seconds=... step=3'.")]
    [InlineData("hone: report value=0.9", "value= is the one value of a single objective, but the study has 2 objectives.")]
    [InlineData("hone: report accuracy=0.9 secnds=3", "it has no value for objective 'seconds'. Did you mean 'secnds'? Print 'hone: report accuracy=... seconds=... step=3'.")]
    public void ReadReport_ValuesThatDoNotMatchTheObjectives_ThrowWithTheFix(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TrialProtocol.ReadReport(TrialProtocol.Parse(line), Named));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadReport_UnnamedObjectivesGivenNames_AsksForPositions()
    {
        var error = Assert.Throws<FormatException>(() => TrialProtocol.ReadReport(TrialProtocol.Parse("hone: report a=1 b=2"), Unnamed));

        Assert.Contains("print their values by position, such as 'hone: report 0.93 0.2 step=3'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hone: report", "report needs a value")]
    [InlineData("hone: report step=1", "report needs a value")]
    [InlineData("hone: report 1 value=2", "not both")]
    [InlineData("hone: report value=1 loss=2", "value= is the one value of a single objective")]
    [InlineData("hone: report loss=low", "must be a number, but got 'low'")]
    [InlineData("hone: report abc", "neither a number nor NAME=VALUE")]
    [InlineData("hone: report 1 stp=2", "Did you mean 'step'?")]
    [InlineData("hone: report 1 step=-1", "step must be a whole number")]
    [InlineData("hone: result", "result needs a value")]
    [InlineData("hone: result 1 loss=2", "not both")]
    [InlineData("hone: result accuracy=high", "must be a number, but got 'high'")]
    [InlineData("hone: results 1", "Did you mean 'result'?")]
    [InlineData("hone:", "must be followed by report, result or attr")]
    [InlineData("hone: attr 5", "is not NAME=VALUE")]
    public void Parse_BrokenLine_ThrowsWithTheRule(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TrialProtocol.Parse(line));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Attr_KeepsTheText()
    {
        var message = TrialProtocol.Parse("hone: attr model=resnet epochs=12");

        Assert.Equal([KeyValuePair.Create("model", "resnet"), KeyValuePair.Create("epochs", "12")], message.Named);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e300")]
    public void TryNumber_WhatProgramsPrint_IsANumber(string text) => Assert.True(TrialProtocol.TryNumber(text, out _));

    [Fact]
    public void ReadResult_Positional_TakesOneValuePerObjective()
    {
        Objective[] objectives = [new(null, StudyDirection.Minimize), new(null, StudyDirection.Maximize)];

        var (values, extra) = TrialProcess.ReadResult(TrialProtocol.Parse("hone: result 1 2"), objectives);

        Assert.Equal([1.0, 2.0], values);
        Assert.Empty(extra);
    }

    [Fact]
    public void ReadResult_Named_OrdersByObjectiveAndKeepsTheRest()
    {
        Objective[] objectives = [new("accuracy", StudyDirection.Maximize), new("loss", StudyDirection.Minimize)];

        var (values, extra) = TrialProcess.ReadResult(TrialProtocol.Parse("hone: result loss=0.2 seconds=3 accuracy=0.9"), objectives);

        Assert.Equal([0.9, 0.2], values);
        Assert.Equal(3.0, extra["seconds"]);
    }

    [Fact]
    public void ReadResult_SingleUnnamedObjective_TakesTheOneNamedValue()
    {
        var (values, _) = TrialProcess.ReadResult(TrialProtocol.Parse("hone: result accuracy=0.9"), [new(null, StudyDirection.Maximize)]);

        Assert.Equal([0.9], values);
    }

    [Fact]
    public void ReadResult_MissingObjective_SuggestsTheNearestName()
    {
        var error = Assert.Throws<FormatException>(() => TrialProcess.ReadResult(TrialProtocol.Parse("hone: result acuracy=0.9"), [new("accuracy", StudyDirection.Maximize)]));

        Assert.Contains("no value for objective 'accuracy'. Did you mean 'acuracy'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResult_WrongCount_SaysHowMany()
    {
        var error = Assert.Throws<FormatException>(() => TrialProcess.ReadResult(TrialProtocol.Parse("hone: result 1 2"), [new(null, StudyDirection.Maximize)]));

        Assert.Contains("2 value(s), but the study has 1 objective(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hone: result nan")]
    [InlineData("hone: result inf")]
    public void ReadResult_NotFinite_Throws(string line)
    {
        var error = Assert.Throws<FormatException>(() => TrialProcess.ReadResult(TrialProtocol.Parse(line), [new(null, StudyDirection.Maximize)]));

        Assert.Contains("must be finite numbers", error.Message, StringComparison.Ordinal);
    }
}

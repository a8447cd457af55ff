using Hone.Cli.Running;

namespace Hone.Tests.Cli.Running;

public sealed class CommandTemplateTests
{
    private static readonly Dictionary<string, object?> Values = new() { ["C"] = 0.5, ["kernel"] = "rbf", ["n"] = 3L, ["note"] = "it's" };

    [Fact]
    public void Expand_List_FillsEachArgument()
    {
        var template = CommandTemplate.FromArguments(["python3", "train.py", "--C={C}", "{kernel}", "{n}"]);

        Assert.Equal(["python3", "train.py", "--C=0.5", "rbf", "3"], template.Expand(Values));
    }

    [Fact]
    public void Expand_ListWithMissingParameter_LeavesTheArgumentOut()
    {
        var template = CommandTemplate.FromArguments(["run", "--gamma={gamma}", "--C={C}"]);

        Assert.Equal(["run", "--C=0.5"], template.Expand(Values));
    }

    [Fact]
    public void Expand_Shell_QuotesValuesForTheShell()
    {
        var template = CommandTemplate.FromShell("train --note {note} --C {C} {gamma}");

        Assert.Equal(["/bin/sh", "-c", "train --note 'it'\\''s' --C 0.5 "], template.Expand(Values));
    }

    [Fact]
    public void Expand_DoubledBraces_AreLiteral()
    {
        var template = CommandTemplate.FromArguments(["echo", "{{{kernel}}}"]);

        Assert.Equal(["echo", "{rbf}"], template.Expand(Values));
    }

    [Fact]
    public void Placeholders_ListsEachNameOnce()
    {
        var template = CommandTemplate.FromArguments(["x", "{C}", "{kernel}-{C}"]);

        Assert.Equal(["C", "kernel"], template.Placeholders);
    }

    [Theory]
    [InlineData("{C")]
    [InlineData("C}")]
    [InlineData("{}")]
    public void FromArguments_BadBraces_Throw(string argument) =>
        Assert.Throws<FormatException>(() => CommandTemplate.FromArguments(["x", argument]));

    [Fact]
    public void FromArguments_PlaceholderAsProgram_Throws() =>
        Assert.Throws<FormatException>(() => CommandTemplate.FromArguments(["{C}"]));

    [Fact]
    public void Display_List_QuotesWordsThatNeedIt()
    {
        var template = CommandTemplate.FromArguments(["echo", "{note}", "{C}"]);

        Assert.Equal("echo 'it'\\''s' 0.5", template.Display(Values));
    }

    [Fact]
    public void Format_Numbers_RoundTripInTheInvariantCulture()
    {
        Assert.Equal("0.1", CommandTemplate.Format(0.1));
        Assert.Equal("1E-05", CommandTemplate.Format(1e-5));
        Assert.Equal("true", CommandTemplate.Format(true));
        Assert.Equal(string.Empty, CommandTemplate.Format(null));
    }
}

using System.CommandLine;
using Hone.Cli;

namespace Hone.Tests.Cli;

public sealed class CliAppTests
{
    public static TheoryData<string> CommandNames() => ["studies", "trials", "best", "export", "delete", "logs"];

    [Fact]
    public void Help_Root_ListsEveryCommandWithItsDescription()
    {
        var run = CliRun.Plain("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:\n  hone [command] [options]", run.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        foreach (var command in Root().Subcommands)
        {
            Assert.Contains(command.Description!, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_Command_DescribesEveryArgumentAndOption(string name)
    {
        var command = Root().Subcommands.Single(c => c.Name == name);

        var run = CliRun.Plain(name, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"hone {name}", run.Out, StringComparison.Ordinal);
        foreach (var symbol in command.Arguments.Cast<Symbol>().Concat(command.Options.Where(o => o.Name != "--help")))
        {
            Assert.False(string.IsNullOrWhiteSpace(symbol.Description), $"{name} {symbol.Name} has no description");
            Assert.Contains(symbol.Description!, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_StorageOption_ShowsDefaultAndVariable(string name)
    {
        var run = CliRun.Plain(name, "--help");

        Assert.Contains("[default: sqlite:///hone.db]", run.Out, StringComparison.Ordinal);
        Assert.Contains("$HONE_STORAGE", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_StorageVariableSet_ShowsItAsDefault()
    {
        var run = CliRun.Run(["studies", "--help"], variables: new Dictionary<string, string> { ["HONE_STORAGE"] = "sqlite:///runs.db" });

        Assert.Contains("[default: sqlite:///runs.db]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsOneLine()
    {
        var run = CliRun.Plain("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\S*\n$", run.Out);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided.", "hone")]
    [InlineData(new[] { "frobnicate" }, "'frobnicate'", "hone")]
    [InlineData(new[] { "studies", "--colour" }, "'--colour'", "hone studies")]
    [InlineData(new[] { "trials" }, "'trials'", "hone trials")]
    [InlineData(new[] { "best", "a", "b" }, "'b'", "hone best")]
    [InlineData(new[] { "studies", "--storage", "" }, "--storage needs a URL", "hone studies")]
    public void Run_UsageError_ExitsTwoWithErrorAndHelpHint(string[] args, string mentions, string command)
    {
        var run = CliRun.Plain(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(mentions, run.Error, StringComparison.Ordinal);
        Assert.EndsWith($"Run '{command} --help' for usage.\n", run.Error, StringComparison.Ordinal);
    }

    private static Command Root() => CliApp.CreateRootCommand(new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null });
}

namespace Hone.Tests.Cli;

public sealed class BestCommandTests
{
    [Fact]
    public void Best_SingleObjective_PrintsBestTrialWithParamsAndUserAttrs()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "quadratic", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            """
            number	value	params_x	params_n	params_opt	user_attrs_note
            3	0.015625	0.125	2	adam	tab\there

            """,
            run.Out);
    }

    [Fact]
    public void Best_SeveralObjectives_PrintsParetoFront()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "pareto", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            number	values_0	values_1	params_x
            0	1	2	1
            2	0.5	0.5	0.5

            """,
            run.Out);
    }

    [Fact]
    public void Best_Terminal_ShowsOneLinePerFieldWithExactValues()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["best", "quadratic", "--storage", database.Url], terminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Best trial of quadratic (Minimize)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ Value\s+│ 0\.015625\s+│", run.Out);
        Assert.Matches(@"│ note \(attr\)\s+│ tab\\there\s+│", run.Out);
    }

    [Fact]
    public void Best_NoCompleteTrial_FailsWithOneLine()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "empty", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Study 'empty' has no complete trial yet, so it has no best trial. See its trials with `hone trials empty`.\n", run.Error);
    }

    [Fact]
    public void Best_UnknownStudy_FailsWithOneLine()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "nope", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: No study named 'nope'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Best_MissingFile_FailsWithoutCreatingIt()
    {
        using var database = TestDatabase.Missing();

        var run = CliRun.Plain("best", "quadratic", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(database.Files());
    }
}

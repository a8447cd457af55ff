using System.Globalization;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Cli;

public sealed class TrialsCommandTests
{
    private const string Header = "number\tstate\tvalue\tduration_seconds\tparams_x\tparams_n\tparams_opt\n";

    [Fact]
    public void Trials_FixedData_PrintsOneTabSeparatedRowPerTrial()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "quadratic", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            Header +
            """
            0	Complete	0.25	1.5	1.5	3	adam
            1	Pruned		0.5	-2.25	7	sgd
            2	Failed		2	0.1		sgd
            3	Complete	0.015625	60	0.125	2	adam
            4	Running			3	1	sgd
            5	Waiting					

            """,
            run.Out);
    }

    [Fact]
    public void Trials_SeveralStates_KeepsTrialsInAnyOfThem()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "quadratic", "--state", "pruned", "--state", "Failed", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            Header +
            """
            1	Pruned		0.5	-2.25	7	sgd
            2	Failed		2	0.1		sgd

            """,
            run.Out);
    }

    [Fact]
    public void Trials_Limit_KeepsMostRecentMatchingTrialsInNumberOrder()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "quadratic", "--state", "complete", "--state", "pruned", "--limit", "2", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            Header +
            """
            1	Pruned		0.5	-2.25	7	sgd
            3	Complete	0.015625	60	0.125	2	adam

            """,
            run.Out);
    }

    [Fact]
    public void Trials_MultiObjective_PrintsOneValueColumnPerObjective()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "pareto", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            number	state	values_0	values_1	duration_seconds	params_x
            0	Complete	1	2	1	1
            1	Complete	2	1	1	2
            2	Complete	0.5	0.5	1	0.5

            """,
            run.Out);
    }

    [Fact]
    public void Trials_NoTrials_PrintsHeaderOnly()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "empty", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("number\tstate\tvalue\tduration_seconds\n", run.Out);
    }

    [Fact]
    public void Trials_Values_RoundTripThroughInvariantText()
    {
        using var database = TestDatabase.Missing();
        double[] values = [0.1 + 0.2, 1e-300, -123456.78901234567, double.Epsilon];
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = TestDatabase.CreateStudy(storage, TimeProvider.System, "exact", StudyDirection.Minimize);
            foreach (var value in values)
            {
                study.Tell(study.Ask(), value);
            }
        }

        var run = CliRun.Plain("trials", "exact", "--storage", database.Url);

        var printed = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => double.Parse(line.Split('\t')[2], CultureInfo.InvariantCulture));
        Assert.Equal(values, printed);
    }

    [Fact]
    public void Trials_Terminal_DrawsTableWithDurationsAndParameterNames()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Run(["trials", "quadratic", "--storage", database.Url], terminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Trials of quadratic (Minimize)", run.Out, StringComparison.Ordinal);
        Assert.Contains("1m 00s", run.Out, StringComparison.Ordinal);
        Assert.Contains("1.5s", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ opt ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_UnknownStudy_FailsWithOneLine()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "nope", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: No study named 'nope' in this storage. List the studies with `hone studies`, or create it first.\n", run.Error);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Trials_RetriedTrial_ShowsWhichTrialEachRetryRepeats()
    {
        using var database = TestDatabase.Missing();
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = Study.Create(new StudyOptions { Name = "retried", Storage = storage });
            var failed = study.Ask();
            failed.SuggestInt("n", 1, 1);
            study.Tell(failed, TrialState.Failed, "worker lost");
            study.Retry(failed.Number);
            var retry = study.Ask();
            retry.SuggestInt("n", 1, 1);
            study.Tell(retry, 2.0);
        }

        var run = CliRun.Plain("trials", "retried", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        var rows = run.Out.Split('\n');
        Assert.Equal("number\tstate\tvalue\tduration_seconds\tparams_n\tretry_of", rows[0]);
        Assert.EndsWith("\t1\t", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("1\tComplete\t2\t", rows[2], StringComparison.Ordinal);
        Assert.EndsWith("\t1\t0", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_MissingFile_FailsWithoutCreatingIt()
    {
        using var database = TestDatabase.Missing();

        var run = CliRun.Plain("trials", "quadratic", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: No Hone database at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(database.Files());
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "ten")]
    [InlineData("--state", "done")]
    public void Trials_BadOptionValue_IsUsageError(string option, string value)
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("trials", "quadratic", option, value, "--storage", database.Url);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'hone trials --help' for usage.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}

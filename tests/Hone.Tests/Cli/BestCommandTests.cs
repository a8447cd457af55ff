using Hone.Cli.Commands;
using Hone.Storages;
using Hone.Studies;

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
    public void Best_RetryOfAFailedTrial_SaysWhichTrialItRepeats()
    {
        using var database = TestDatabase.Missing();
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = Study.Create(new StudyOptions { Name = "retried", Storage = storage });
            var failed = study.Ask();
            failed.SuggestInt("n", 4, 4);
            study.Tell(failed, Hone.Trials.TrialState.Failed, "worker lost");
            study.Retry(failed.Number);
            var retry = study.Ask();
            retry.SuggestInt("n", 4, 4);
            study.Tell(retry, 2.0);
        }

        var run = CliRun.Plain("best", "retried", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("number\tvalue\tparams_n\tretry_of\n1\t2\t4\t0\n", run.Out);
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
        Assert.Equal(
            "Hypervolume 0.15750000000000008 with reference point 1.05,0.35 (the front's worst values made worse by a tenth of its range; set one with --reference).\n",
            run.Error);
    }

    [Fact]
    public void Best_Reference_MeasuresTheHypervolumeFromIt()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "pareto", "--reference", "2,0", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Hypervolume 2.25 with reference point 2,0.\n", run.Error);
    }

    [Fact]
    public void Best_ReferenceNegativeValue_IsReadAsANumber()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "pareto", "--reference=-1,0", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Hypervolume 0 with reference point -1,0.\nTrial(s) 0, 2 of the front are not better than the reference point in every objective, so they add nothing.\n",
            run.Error);
    }

    [Fact]
    public void Best_ReferenceThatBoundsPartOfTheFront_NamesTheTrialsOutside()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "pareto", "--reference", "0.75,0", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Hypervolume 0.125 with reference point 0.75,0.\nTrial(s) 0 of the front are not better than the reference point in every objective, so they add nothing.\n",
            run.Error);
    }

    [Fact]
    public void Best_ReferenceOfOtherLength_FailsWithOneLine()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "pareto", "--reference", "1,2,3", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: --reference has 3 value(s), but study 'pareto' has 2 objectives (Minimize, Maximize). Give one value per objective, like --reference 1,2.\n",
            run.Error);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Best_ReferenceNotANumber_IsUsageError()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "pareto", "--reference", "1,x", "--storage", database.Url);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --reference takes one number per objective separated by commas, like 1.5,2, but got '1,x'.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Best_ReferenceForOneObjective_FailsWithOneLine()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("best", "quadratic", "--reference", "1", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: --reference sets the hypervolume's reference point of a study with several objectives", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Best_TerminalWithObjectiveNames_TitlesColumnsByNameAndShowsTheHypervolume()
    {
        using var database = TestDatabase.WithStudies();
        using (var storage = new SqliteStorage(database.Path))
        {
            Study.Load("pareto", storage).SetSystemAttr(RunCommand.ObjectivesKey, "loss,accuracy");
        }

        var run = CliRun.Run(["best", "pareto", "--storage", database.Url], terminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Pareto front of pareto (Minimize, Maximize)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ # │ loss \(min\) │ accuracy \(max\) │\s+x │", run.Out);
        Assert.EndsWith("Hypervolume 0.1575 with reference point 1.05,0.35 (the front's worst values made worse by a tenth of its range; set one with --reference).\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Best_NoTrialFeasible_ShowsTheLeastViolatingFrontAndNoHypervolume()
    {
        using var database = TestDatabase.Missing();
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = TestDatabase.CreateStudy(storage, TimeProvider.System, "infeasible", StudyDirection.Minimize, StudyDirection.Minimize);
            study.Tell(study.Ask(), [0.0, 0.0], [2.0]);
            study.Tell(study.Ask(), [1.0, 2.0], [1.0]);
            study.Tell(study.Ask(), [2.0, 1.0], [1.0]);
        }

        var run = CliRun.Plain("best", "infeasible", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("number\tvalues_0\tvalues_1\n1\t1\t2\n2\t2\t1\n", run.Out);
        Assert.Equal("No trial is feasible: the front above is of the least violating trials, and the hypervolume (of feasible trials) is 0.\n", run.Error);
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

using System.Globalization;
using System.Text.Json;
using Hone.Storages;
using Hone.Studies;

namespace Hone.Tests.Cli;

public sealed class ExportCommandTests
{
    private static readonly double[] Values = [0.1 + 0.2, 1e-300, -123456.78901234567, 2.0 / 3];

    [Fact]
    public void Export_Csv_ValuesAndParamsRoundTrip()
    {
        using var database = ExactStudy();

        var run = CliRun.Plain("export", "exact", "--format", "csv", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Values, rows.Select(r => double.Parse(r[Array.IndexOf(header, "value")], CultureInfo.InvariantCulture)));
        Assert.Equal(Values.Select(v => v / 7), rows.Select(r => double.Parse(r[Array.IndexOf(header, "params_x")], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Export_Json_ValuesAndParamsRoundTrip()
    {
        using var database = ExactStudy();

        var run = CliRun.Plain("export", "exact", "--format", "JSON", "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal("exact", document.RootElement.GetProperty("study").GetString());
        var trials = document.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(Values, trials.Select(t => t.GetProperty("values")[0].GetDouble()));
        Assert.Equal(Values.Select(v => v / 7), trials.Select(t => t.GetProperty("params").GetProperty("x").GetDouble()));
    }

    [Fact]
    public void Export_Output_WritesFileAndNothingToStandardOutput()
    {
        using var database = TestDatabase.WithStudies();
        var file = Path.Combine(database.Folder, "trials.csv");

        var run = CliRun.Plain("export", "quadratic", "--format", "csv", "--output", file, "--storage", database.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal($"Exported study 'quadratic' to '{file}'.\n", run.Error);
        var csv = File.ReadAllText(file);
        Assert.StartsWith("number,state,value,started,completed,duration_seconds,params_x,params_n,params_opt,user_attrs_note,fail_reason\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(7, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(CliRun.Plain("export", "quadratic", "--format", "csv", "--storage", database.Url).Out, csv);
    }

    [Fact]
    public void Export_UnknownFormat_FailsWithOneLineBeforeOpeningStorage()
    {
        using var database = TestDatabase.Missing();

        var run = CliRun.Plain("export", "quadratic", "--format", "xml", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Unknown export format 'xml'. Use --format csv or --format json.\n", run.Error);
        Assert.Empty(database.Files());
    }

    [Fact]
    public void Export_NoFormat_IsUsageError()
    {
        using var database = TestDatabase.WithStudies();

        var run = CliRun.Plain("export", "quadratic", "--storage", database.Url);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_UnknownStudy_FailsAndWritesNoFile()
    {
        using var database = TestDatabase.WithStudies();
        var file = Path.Combine(database.Folder, "trials.json");

        var run = CliRun.Plain("export", "nope", "--format", "json", "--output", file, "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: No study named 'nope'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Export_MissingFile_FailsWithoutCreatingIt()
    {
        using var database = TestDatabase.Missing();

        var run = CliRun.Plain("export", "quadratic", "--format", "csv", "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: No Hone database at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(database.Files());
    }

    [Fact]
    public void Export_OutputFolderMissing_FailsWithOneLine()
    {
        using var database = TestDatabase.WithStudies();
        var file = Path.Combine(database.Folder, "no-such-folder", "trials.csv");

        var run = CliRun.Plain("export", "quadratic", "--format", "csv", "--output", file, "--storage", database.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static TestDatabase ExactStudy()
    {
        var database = TestDatabase.Missing();
        using var storage = new SqliteStorage(database.Path);
        var study = TestDatabase.CreateStudy(storage, TimeProvider.System, "exact", StudyDirection.Minimize);
        foreach (var value in Values)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = value / 7 });
            var trial = study.Ask();
            trial.SuggestFloat("x", -1e6, 1e6);
            study.Tell(trial, value);
        }

        return database;
    }
}

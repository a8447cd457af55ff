using Hone.Trials;

namespace Hone.Tests.Cli.Running;

public sealed class WorkerCommandTests
{
    private const string Echo = "echo \"hone: result $0\"";

    [Fact]
    public void Worker_StudyNotStartedYet_IsAnErrorPointingToHoneRun()
    {
        using var folder = StudyFolder.Shell(Echo);

        var run = CliRun.Run(["worker", folder.StudyFile]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("study 's' does not exist in ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Start it with `hone run ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAndWorkers_AtTheSameTime_RunExactlyTheStudyTargetTogether()
    {
        // Each trial takes a moment, so that the three processes' trials overlap; each would run all 12 if it counted alone.
        using var folder = StudyFolder.Shell("sleep 0.05; " + Echo, "trials: 12\nparallelism: 2");
        Assert.Equal(0, folder.Run("--trials", "1").ExitCode);

        var runs = new[]
        {
            Task.Run(() => folder.Run()),
            Task.Run(() => CliRun.Run(["worker", folder.StudyFile])),
            Task.Run(() => CliRun.Run(["worker", folder.StudyFile])),
        };
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        var trials = folder.Trials();
        Assert.Equal(Enumerable.Range(0, 12), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal((double)t.Params["x"]!, t.Value));
    }

    [Fact]
    public void Worker_StudyAtItsTarget_RunsNothingAndSuggestsOnlyWhatAWorkerTakes()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 2");
        Assert.Equal(0, folder.Run().ExitCode);

        var run = CliRun.Run(["worker", folder.StudyFile]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("already has 2 trial(s), its target; nothing to run. Raise 'trials' in the study file to run more.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, folder.Trials().Count);
    }

    [Fact]
    public void Worker_DirectionDiffersFromTheStudys_IsAnErrorNamingBoth()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 1");
        Assert.Equal(0, folder.Run().ExitCode);
        File.WriteAllText(folder.StudyFile, File.ReadAllText(folder.StudyFile).Replace("direction: minimize", "direction: maximize", StringComparison.Ordinal));

        var run = CliRun.Run(["worker", folder.StudyFile, "--storage", "sqlite:///" + folder.Database]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: {folder.StudyFile}: Study 's' exists with directions [Minimize], not [Maximize]. Use its directions or another name. (storage sqlite:///{folder.Database})\n",
            run.Error);
        Assert.Single(folder.Trials());
    }

    [Fact]
    public void Worker_ParametersDifferFromThoseOfHoneRun_IsAnErrorNamingTheParameterAndRunsNothing()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 1");
        Assert.Equal(0, folder.Run().ExitCode);
        File.WriteAllText(folder.StudyFile, File.ReadAllText(folder.StudyFile)
            .Replace("trials: 1", "trials: 3", StringComparison.Ordinal)
            .Replace("high: 1}", "high: 5}", StringComparison.Ordinal));

        var run = CliRun.Run(["worker", folder.StudyFile]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {folder.StudyFile}: its parameters differ from those of study 's' ('x' is ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("A worker runs the study file of `hone run`: copy that file here, or change the study with `hone run` and this file.\n", run.Error, StringComparison.Ordinal);
        Assert.Single(folder.Trials());
    }

    [Fact]
    public void Worker_SameParametersAsHoneRun_Joins()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 1");
        Assert.Equal(0, folder.Run().ExitCode);
        File.WriteAllText(folder.StudyFile, File.ReadAllText(folder.StudyFile).Replace("trials: 1", "trials: 2", StringComparison.Ordinal));

        var run = CliRun.Run(["worker", folder.StudyFile]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(2, folder.Trials().Count);
    }

    [Fact]
    public async Task Worker_GridStudy_TakesEachPointOnceAcrossWorkers()
    {
        using var folder = new StudyFolder("""
            name: g
            storage: sqlite:///hone.db
            direction: minimize
            sampler: {type: grid}
            parameters:
              n: {type: int, low: 1, high: 8}
            command: [/bin/sh, -c, 'sleep 0.02; echo "hone: result $0"', '{n}']
            trials: 100
            """);
        Assert.Equal(0, folder.Run("--trials", "1").ExitCode);

        var workers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => CliRun.Run(["worker", folder.StudyFile]))).ToArray();
        var results = await Task.WhenAll(workers);

        Assert.All(results, w => Assert.True(w.ExitCode == 0, w.Error));
        // A worker that loses the race for the last point may leave a failed trial without parameters that says so.
        var trials = folder.Trials("g");
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        Assert.Equal(Enumerable.Range(1, 8), complete.Select(t => Convert.ToInt32(t.Params["n"], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.All(trials.Except(complete), t => Assert.Contains("points of the grid have been claimed", (string)t.SystemAttrs["fail_reason"]!, StringComparison.Ordinal));
    }
}

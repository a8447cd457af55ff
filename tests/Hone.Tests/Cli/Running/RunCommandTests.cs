using Hone.Cli.Running;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Cli.Running;

public sealed class RunCommandTests
{
    private const string Echo = "echo \"hone: result $0\"";

    [Fact]
    public void Run_ShellStudy_StoresEveryTrialAndPrintsTheSummary()
    {
        using var folder = StudyFolder.Shell(Echo);

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("number\tstate\tvalue\tduration_seconds\tparams_x\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("trial 2 complete: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Reproduce: cd ", run.Error, StringComparison.Ordinal);
        var trials = folder.Trials();
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal((double)t.Params["x"]!, t.Value));
        Assert.All(trials, t => Assert.Equal(0L, t.SystemAttrs[RunKeys.ExitCode]));
        Assert.All(trials, t => Assert.True(Directory.Exists((string)t.SystemAttrs[RunKeys.LogDirectory]!)));
    }

    [Fact]
    public void Run_CommandTakesEveryParameter_ReproduceLineNeedsNoParamsFile()
    {
        using var folder = StudyFolder.Shell(Echo);

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("HONE_PARAMS_FILE=", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ProgramReadsTheParamsFile_ReproduceLineGivesTheBestTrialsFile()
    {
        using var folder = new StudyFolder("""
            name: s
            storage: sqlite:///hone.db
            direction: minimize
            sampler: {type: random, seed: 1}
            parameters:
              x: {type: float, low: 0, high: 1}
            command: [/bin/sh, -c, 'echo "hone: result $(cat "$HONE_PARAMS_FILE" | tr -dc 0-9 | head -c 3)"']
            trials: 2
            """);

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        var best = folder.Trials().MinBy(t => t.Value)!;
        var paramsFile = Path.Combine((string)best.SystemAttrs[RunKeys.LogDirectory]!, "params.json");
        Assert.Contains($"&& HONE_PARAMS_FILE={paramsFile} /bin/sh -c ", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(paramsFile));
    }

    [Fact]
    public void Run_Again_ResumesWithoutRepeatingCompletedTrials()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 2");
        Assert.Equal(0, folder.Run().ExitCode);
        var first = folder.Trials();

        var second = folder.Run("--trials", "4");
        var third = folder.Run("--trials", "4");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Resuming study 's' in ", second.Error, StringComparison.Ordinal);
        Assert.Contains("2 trial(s) done of 4", second.Error, StringComparison.Ordinal);
        Assert.Contains("already has 4 trial(s), its target; nothing to run", third.Error, StringComparison.Ordinal);
        var trials = folder.Trials();
        Assert.Equal([0, 1, 2, 3], trials.Select(t => t.Number));
        Assert.Equal(first.Select(t => (t.Value, t.Completed)), trials.Take(2).Select(t => (t.Value, t.Completed)));
    }

    [Fact]
    public void Run_CommandNotFound_FailsBeforeAnyTrial()
    {
        using var folder = new StudyFolder("""
            name: s
            storage: sqlite:///hone.db
            direction: minimize
            trials: 1
            command: [no-such-program-hone-test]
            """);

        var run = folder.Run();

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^error: .*study\.yaml:5:10: command 'no-such-program-hone-test' was not found on PATH", run.Error);
        Assert.False(File.Exists(folder.Database));
    }

    [Fact]
    public void Run_FailingTrials_AreRetriedThenFailWithTheirStderr()
    {
        using var folder = StudyFolder.Shell("echo boom >&2; exit 2", "trials: 2\nretries: 1");

        var run = folder.Run();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: every trial of this run failed (2)", run.Error, StringComparison.Ordinal);
        var trials = folder.Trials();
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Failed, t.State));
        Assert.Equal(2, trials.Count(t => t.RetryOf is not null));
        Assert.Contains("(runs again: attempt 2 of 2, as trial 1)", run.Error, StringComparison.Ordinal);
        Assert.All(trials, t => Assert.StartsWith("exited with code 2. Last lines of stderr:\nboom", (string)t.SystemAttrs["fail_reason"]!, StringComparison.Ordinal));
        var retry = trials.First(t => t.RetryOf is not null);
        Assert.Equal(trials[retry.RetryOf!.Value].Params["x"], retry.Params["x"]);
        Assert.Equal(2, retry.Attempt);
    }

    [Fact]
    public void Run_Trial_GetsItsParametersThroughEnvironmentAndFile()
    {
        using var folder = StudyFolder.Shell(
            "test \"$HONE_PARAM_X\" = \"$0\" && test \"$HONE_STUDY\" = s && grep -q '\"x\": ' \"$HONE_PARAMS_FILE\" "
            + "&& test \"$FROM_FILE\" = 1 && test \"$FROM_OPTION\" = 2 && echo \"hone: result $HONE_TRIAL_NUMBER\"",
            "trials: 2\nenv: {FROM_FILE: 1}");

        var run = folder.Run("--env", "FROM_OPTION=2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([0.0, 1.0], folder.Trials().Select(t => t.Value));
    }

    [Fact]
    public void Run_Slots_AreNeverSharedBeyondTheirShare()
    {
        using var folder = StudyFolder.Shell(
            "echo \"hone: attr slots=$HONE_SLOTS cuda=$CUDA_VISIBLE_DEVICES\"; sleep 0.3; echo 'hone: result 1'",
            "trials: 4\nparallelism: 3\nresources: {slots: [g0, g1], per_trial: 1, share: 1}");

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        var trials = folder.Trials();
        Assert.All(trials, t => Assert.Equal(t.UserAttrs["slots"], t.UserAttrs["cuda"]));
        Assert.All(trials, t => Assert.Contains((string)t.UserAttrs["slots"]!, new[] { "g0", "g1" }));
        foreach (var a in trials)
        {
            foreach (var b in trials.Where(b => b.Number > a.Number && a.Started < b.Completed && b.Started < a.Completed))
            {
                Assert.NotEqual(a.UserAttrs["slots"], b.UserAttrs["slots"]);
            }
        }
    }

    [Fact]
    public async Task Run_Interrupted_QueuesRunningTrialsForTheNextRun()
    {
        using var folder = StudyFolder.Shell("touch started; sleep 60", "trials: 2");
        using var interrupt = new CancellationTokenSource();
        var running = Task.Run(() => folder.Run(interrupt.Token));
        while (!File.Exists(Path.Combine(folder.Path, "started")))
        {
            await Task.Delay(20);
        }

        await interrupt.CancelAsync();
        var run = await running;

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Stopping: no new trials", run.Error, StringComparison.Ordinal);
        var trials = folder.Trials();
        Assert.Equal([TrialState.Failed, TrialState.Waiting], trials.Select(t => t.State));
        Assert.Equal(true, trials[0].SystemAttrs[RunKeys.Interrupted]);
        Assert.Equal(0, trials[1].RetryOf);

        File.WriteAllText(folder.StudyFile, File.ReadAllText(folder.StudyFile).Replace("touch started; sleep 60", Echo, StringComparison.Ordinal));
        var resumed = folder.Run();

        Assert.Equal(0, resumed.ExitCode);
        trials = folder.Trials();
        Assert.Equal([TrialState.Failed, TrialState.Complete, TrialState.Complete], trials.Select(t => t.State));
        Assert.Equal(trials[0].Params["x"], trials[1].Params["x"]);
    }

    [Fact]
    public void Run_TrialOfADeadWorker_IsFailedAsStaleAndRunAgainWithItsParameters()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 3");
        int orphan;
        using (var storage = new SqliteStorage(folder.Database))
        {
            var id = storage.CreateStudy("s", [StudyDirection.Minimize], DateTimeOffset.UtcNow);
            var dead = storage.TryStartTrial(id, DateTimeOffset.UtcNow.AddHours(-1), int.MaxValue, heartbeat: true)!;
            storage.UpdateTrial(dead.Id, new TrialUpdate { Params = [("x", new Hone.Distributions.FloatDistribution(0, 1), 0.25)] });
            orphan = dead.Number;

            // Another worker, alive: its trial beats and counts toward the target.
            storage.TryStartTrial(id, DateTimeOffset.UtcNow, int.MaxValue, heartbeat: true);
        }

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Trial 0 lost its worker (no heartbeat for 1m00s); marked Failed.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Trial 0 runs again as trial 2.", run.Error, StringComparison.Ordinal);
        var trials = folder.Trials();
        Assert.Equal([TrialState.Failed, TrialState.Running, TrialState.Complete, TrialState.Complete], trials.Select(t => t.State));
        Assert.StartsWith("stale: its worker sent no heartbeat for 60 s", (string)trials[orphan].SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        Assert.Equal((orphan, 0.25), (trials[2].RetryOf!.Value, trials[2].Value));
    }

    [Fact]
    public async Task Run_TrialFailedAsStaleWhileItRuns_DropsItsResultAndRunsTheRetry()
    {
        // Trial 0 waits until another worker has failed it as stale, as happens to a worker cut off from the storage (or
        // paused) for longer than the grace period; it then reports and prints its result, which come too late.
        using var folder = StudyFolder.Shell(
            "touch started; while [ \"$HONE_TRIAL_NUMBER\" = 0 ] && [ ! -e go ]; do sleep 0.02; done; echo \"hone: report $0\"; " + Echo,
            "trials: 2");
        var running = Task.Run(() => folder.Run());
        while (!File.Exists(Path.Combine(folder.Path, "started")))
        {
            await Task.Delay(20);
        }

        using (var storage = new SqliteStorage(folder.Database))
        {
            var other = Study.Create(new StudyOptions
            {
                Name = "s",
                Storage = storage,
                LoadIfExists = true,
                Heartbeat = new HeartbeatOptions { Interval = TimeSpan.FromTicks(1), GracePeriod = TimeSpan.FromTicks(2) },
                Retry = new RetryPolicy(),
            });
            Assert.Equal([0], other.FailStaleTrials().Select(t => t.Number));
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Path, "go"), string.Empty);
        var run = await running;

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Trial 0 was failed as stale by another worker while it ran; its result is dropped.", run.Error, StringComparison.Ordinal);
        Assert.Contains("(runs again: as trial 1)", run.Error, StringComparison.Ordinal);
        var trials = folder.Trials();
        Assert.Equal([TrialState.Failed, TrialState.Complete, TrialState.Complete], trials.Select(t => t.State));
        Assert.StartsWith("stale: ", (string)trials[0].SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        Assert.Equal((0, trials[0].Params["x"]), (trials[1].RetryOf!.Value, trials[1].Params["x"]));
    }

    [Fact]
    public void Run_OnATerminal_ShowsTheLiveViewAndTheSummaryTable()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 2");

        var run = CliRun.Run(["run", folder.StudyFile], terminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Trials of this run of s", run.Out, StringComparison.Ordinal);
        Assert.Contains("Best trial ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ObjectivesChanged_IsAnError()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 1");
        Assert.Equal(0, folder.Run().ExitCode);
        File.WriteAllText(folder.StudyFile, File.ReadAllText(folder.StudyFile).Replace("direction: minimize", "objectives: {loss: minimize}", StringComparison.Ordinal));

        var run = folder.Run("--trials", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was run with objectives [], but the file names [loss]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PrunerInTheStudyFile_EndsTheTrialsItPrunesAndKeepsTheOthers()
    {
        // Each trial reports its x at five steps, 50 ms apart; the threshold pruner stops every trial whose x is above 0.5.
        using var folder = StudyFolder.Shell(
            "for i in 0 1 2 3 4; do echo \"hone: report $0 step=$i\"; sleep 0.05; done; echo \"hone: result $0\"",
            "trials: 8\npruner: {type: threshold, upper: 0.5}");

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        var trials = folder.Trials();
        Assert.Equal(8, trials.Count);
        Assert.Contains(trials, t => t.State == TrialState.Pruned);
        Assert.Contains(trials, t => t.State == TrialState.Complete);
        Assert.All(trials, t => Assert.Equal((double)t.Params["x"]! > 0.5 ? TrialState.Pruned : TrialState.Complete, t.State));
        Assert.All(trials.Where(t => t.State == TrialState.Pruned), t => Assert.True(t.IntermediateValues.Count < 5, $"trial {t.Number} ran all its steps"));
    }

    [Fact]
    public void Run_TwoObjectivesWithAParetoPruner_StoresTheReportedVectorsAndPrunesOnlyTrialsBehindTheFront()
    {
        // Trial x reports (x + 1/(t+1), 2 - x + 1/(t+1)) at three steps, 30 ms apart: a trade-off along x, where no trial
        // dominates another. Above x = 0.7 both values are 1 higher: those trials lie behind the front, and only they
        // may be pruned.
        using var folder = new StudyFolder("""
            name: s
            storage: sqlite:///hone.db
            objectives: {error: minimize, cost: minimize}
            sampler: {type: random, seed: 3}
            pruner: {type: pareto-median, startup_trials: 3}
            parameters:
              x: {type: float, low: 0, high: 1}
            command: [/bin/sh, -c, 'awk -v x="$0" ''BEGIN {{ p = x > 0.7 ? 1 : 0; for (t = 0; t < 3; t++) {{ printf "hone: report error=%.17g cost=%.17g step=%d\n", x + p + 1 / (t + 1), 2 - x + p + 1 / (t + 1), t; fflush(); system("sleep 0.03") }} printf "hone: result error=%.17g cost=%.17g\n", x + p, 2 - x + p }}''', '{x}']
            trials: 8
            grace_period: 1s
            """);

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        var trials = folder.Trials();
        Assert.Equal(8, trials.Count);
        Assert.All(trials.Where(t => (double)t.Params["x"]! <= 0.7), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials.Where(t => t.State == TrialState.Pruned), t => Assert.True((double)t.Params["x"]! > 0.7, $"trial {t.Number} on the front was pruned"));
        Assert.Contains(trials, t => t.State == TrialState.Pruned);
        var front = trials.First(t => (double)t.Params["x"]! <= 0.7);
        Assert.Equal(3, front.IntermediateVectors.Count);
        Assert.Equal(front.IntermediateValues[0], front.IntermediateVectors[0][0]);
        Assert.Equal(3 - (double)front.Params["x"]!, front.IntermediateVectors[0][1], 12);
    }

    [Theory]
    [InlineData("{type: nsga2, population_size: 4, seed: 2}")]
    [InlineData("{type: nsga3, population_size: 4, seed: 2}")]
    [InlineData("{type: tpe, startup_trials: 3, seed: 2}")]
    public void Run_TwoObjectivesWithAMultiObjectiveSampler_CompletesEveryTrialWithBothValues(string sampler)
    {
        // Trial x prints (x, (1 - x)^2), a trade-off along x; ten trials span three generations of four.
        using var folder = new StudyFolder($$$"""
            name: s
            storage: sqlite:///hone.db
            objectives: {error: minimize, cost: minimize}
            sampler: {{{sampler}}}
            parameters:
              x: {type: float, low: 0, high: 1}
            command: [/bin/sh, -c, 'awk -v x="$0" ''BEGIN {{ printf "hone: result error=%.17g cost=%.17g\n", x, (1 - x) * (1 - x) }}''', '{x}']
            trials: 10
            """);

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        var trials = folder.Trials();
        Assert.Equal(10, trials.Count);
        Assert.All(trials, t =>
        {
            var x = (double)t.Params["x"]!;
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(x, t.Values![0], 12);
            Assert.Equal((1 - x) * (1 - x), t.Values[1], 12);
        });
    }

    [Fact]
    public void Run_Constraints_StoreEachTrialsViolationsAndTheBestTrialMeetsThem()
    {
        // Trial x scores x (minimized) but its latency 10 - x must stay at most 7, so the best feasible x is 3, not 0;
        // the latency comes as a result metric in even trials and as an attribute line in odd ones.
        using var folder = new StudyFolder("""
            name: s
            storage: sqlite:///hone.db
            direction: minimize
            constraints: {latency_ms: {max: 7}}
            sampler: {type: grid}
            parameters:
              x: {type: int, low: 0, high: 5}
            command: [/bin/sh, -c, 'l=$((10 - $0)); if [ $(($0 % 2)) -eq 0 ]; then echo "hone: result value=$0 latency_ms=$l"; else echo "hone: attr latency_ms=$l"; echo "hone: result $0"; fi', '{x}']
            trials: 6
            """);

        var run = folder.Run();

        Assert.Equal(0, run.ExitCode);
        var trials = folder.Trials();
        Assert.Equal(6, trials.Count);
        Assert.All(trials, t =>
        {
            var x = (int)t.Params["x"]!;
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal([3.0 - x], t.Constraints);
            Assert.Equal(x >= 3, t.IsFeasible);
            Assert.Equal(10.0 - x, t.UserAttrs["latency_ms"]);
        });
        using var storage = Storage.Open(folder.Database);
        Assert.Equal(3, Study.Load("s", storage).BestTrial.Params["x"]);
    }

    [Fact]
    public void Run_ConstraintsChanged_IsAnErrorAndRunsNothing()
    {
        using var folder = StudyFolder.Shell("echo \"hone: result value=$0 latency_ms=3\"", "trials: 1\nconstraints: {latency_ms: {max: 5}}");
        Assert.Equal(0, folder.Run().ExitCode);
        File.WriteAllText(folder.StudyFile, File.ReadAllText(folder.StudyFile).Replace("max: 5", "min: 1, max: 4", StringComparison.Ordinal));

        var run = folder.Run("--trials", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was run with constraints [latency_ms <= 5], but the file gives [1 <= latency_ms <= 4]", run.Error, StringComparison.Ordinal);
        Assert.Single(folder.Trials());
    }

    [Fact]
    public void Run_ConstraintMetricMissing_FailsTheTrialNamingIt()
    {
        using var folder = StudyFolder.Shell(Echo, "trials: 1\nconstraints: {memory_gb: {min: 0, max: 4}}");

        var run = folder.Run();

        var trial = Assert.Single(folder.Trials());
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal(
            "bad constraint: it printed no value for constraint metric 'memory_gb'. Print it with the result, such as 'hone: result ... memory_gb=12.5', or as 'hone: attr memory_gb=12.5'.",
            trial.SystemAttrs["fail_reason"]);
        Assert.Contains("memory_gb", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingStudyFile_IsAnError()
    {
        var run = CliRun.Plain("run", "/nonexistent/study.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Study file '/nonexistent/study.yaml' does not exist.", run.Error, StringComparison.Ordinal);
    }
}

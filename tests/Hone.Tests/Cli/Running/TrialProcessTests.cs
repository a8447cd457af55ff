using System.Collections;
using System.Diagnostics;
using Hone.Cli.Running;
using Hone.Studies;

namespace Hone.Tests.Cli.Running;

public sealed class TrialProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hone-trial-" + Guid.NewGuid().ToString("N"));

    public TrialProcessTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not make a test wrong.
        }
    }

    private TrialLaunch Shell(string script, TimeSpan? timeout = null, double graceSeconds = 0.5, params Objective[] objectives)
    {
        var environment = new Dictionary<string, string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string)entry.Value!;
        }

        var logs = Path.Combine(_folder, "trial");
        environment["HONE_REPORT_FILE"] = Path.Combine(logs, "report.txt");
        return new TrialLaunch(
            ["/bin/sh", "-c", script],
            _folder,
            environment,
            logs,
            objectives.Length == 0 ? [new Objective(null, StudyDirection.Minimize)] : objectives,
            [],
            timeout,
            TimeSpan.FromSeconds(graceSeconds));
    }

    private static Task<TrialOutcome> Run(TrialLaunch launch, Func<IReadOnlyList<double>, int, bool>? report = null, CancellationToken stop = default) =>
        TrialProcess.RunAsync(launch, report ?? ((_, _) => false), stop, CancellationToken.None);

    private static bool IsGone(int pid)
    {
        // Gone, or a zombie waiting for a parent that does not reap: either way it runs no more.
        var stat = $"/proc/{pid}/stat";
        return !File.Exists(stat) || File.ReadAllText(stat).Split(") ")[^1].StartsWith('Z');
    }

    [Fact]
    public async Task RunAsync_ResultLine_Completes()
    {
        var outcome = await Run(Shell("echo 'hone: attr model=svm'; echo 'hone: result 0.25'; echo oops >&2"));

        Assert.Equal(TrialEnd.Complete, outcome.End);
        Assert.Equal([0.25], outcome.Values);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("svm", outcome.Attrs["model"]);
        Assert.Equal("oops\n", File.ReadAllText(Path.Combine(_folder, "trial", "stderr.log")));
    }

    [Fact]
    public async Task RunAsync_Reports_ReachTheCallbackWithTheirSteps()
    {
        var reports = new List<(double, int)>();

        var outcome = await Run(
            Shell("echo 'hone: report 3'; echo 'hone: report 2 step=5'; echo 'hone: report 1' >> \"$HONE_REPORT_FILE\"; echo 'hone: result 1'"),
            (values, step) =>
            {
                reports.Add((Assert.Single(values), step));
                return false;
            });

        Assert.Equal(TrialEnd.Complete, outcome.End);
        Assert.Equal([(3.0, 0), (2.0, 5), (1.0, 6)], reports.OrderBy(r => r.Item2));
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_FailsWithCodeAndLastStderrLines()
    {
        var outcome = await Run(Shell("for i in 1 2 3 4 5 6 7; do echo line$i >&2; done; echo 'hone: result 1'; exit 3"));

        Assert.Equal(TrialEnd.Failed, outcome.End);
        Assert.Equal(3, outcome.ExitCode);
        Assert.StartsWith("exited with code 3. Last lines of stderr:\nline3\nline4\nline5\nline6\nline7", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoResult_Fails()
    {
        var outcome = await Run(Shell("echo done"));

        Assert.Equal(TrialEnd.Failed, outcome.End);
        Assert.StartsWith("exited with code 0 without printing a result", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NanResult_Fails()
    {
        var outcome = await Run(Shell("echo 'hone: result nan'"));

        Assert.Equal(TrialEnd.Failed, outcome.End);
        Assert.Contains("bad result (stdout line 1): the value is NaN; objective values must be finite numbers", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GarbageProtocolLine_FailsNamingTheLineAndEndsTheTrial()
    {
        var clock = Stopwatch.StartNew();

        var outcome = await Run(Shell("echo hello; echo 'hone: result twelve'; sleep 30"));

        Assert.Equal(TrialEnd.Failed, outcome.End);
        Assert.StartsWith("protocol error: stdout line 2: 'twelve' is neither a number nor NAME=VALUE.", outcome.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the trial was not ended");
    }

    [Fact]
    public async Task RunAsync_MegabytesOfOutput_StreamsToTheLogAndStillReadsTheResult()
    {
        // 8 MB on one line, then 200,000 short lines, then the result.
        var outcome = await Run(Shell("head -c 8000000 /dev/zero | tr '\\0' a; echo; seq 1 200000; echo 'hone: result 2'"));

        Assert.Equal(TrialEnd.Complete, outcome.End);
        Assert.Equal([2.0], outcome.Values);
        var log = new FileInfo(Path.Combine(_folder, "trial", "stdout.log")).Length;
        Assert.True(log > 9_000_000, $"the log has {log} bytes");
    }

    [Fact]
    public async Task RunAsync_Pruned_SendsSigtermAndRecordsTheStep()
    {
        var marker = Path.Combine(_folder, "terminated");

        var outcome = await Run(
            Shell($"trap 'echo yes > {marker}; exit 0' TERM; i=0; while true; do echo \"hone: report $i step=$i\"; i=$((i+1)); sleep 0.1; done", graceSeconds: 10),
            (_, step) => step >= 2);

        Assert.Equal(TrialEnd.Pruned, outcome.End);
        Assert.Equal(2, outcome.PrunedStep);
        Assert.True(File.Exists(marker), "the trial did not receive SIGTERM");
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(8), "the trial waited for the grace period although it exited");
    }

    [Fact]
    public async Task RunAsync_IgnoresSigterm_IsKilledAfterTheGracePeriod()
    {
        var outcome = await Run(Shell("trap '' TERM; echo 'hone: report 1'; sleep 60", graceSeconds: 0.5), (_, _) => true);

        Assert.Equal(TrialEnd.Pruned, outcome.End);
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(30), $"took {outcome.Duration}");
    }

    [Fact]
    public async Task RunAsync_Timeout_FailsAndEndsTheTrial()
    {
        var outcome = await Run(Shell("sleep 60", timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal(TrialEnd.Failed, outcome.End);
        Assert.StartsWith("timed out: it ran longer than trial_timeout (0.3s)", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ForkedChildren_AreAllEnded()
    {
        var pids = Path.Combine(_folder, "pids");

        var outcome = await Run(Shell($"sleep 60 & echo $! >> {pids}; (sleep 60 & echo $! >> {pids}; wait) & while [ $(wc -l < {pids}) -lt 2 ]; do sleep 0.05; done; echo 'hone: result 1'"));

        Assert.Equal(TrialEnd.Complete, outcome.End);
        var children = File.ReadAllLines(pids).Select(int.Parse).ToList();
        Assert.Equal(2, children.Count);
        Assert.All(children, pid => Assert.True(IsGone(pid), $"process {pid} still runs"));
    }

    [Fact]
    public async Task RunAsync_Interrupted_EndsTheTrialAsInterrupted()
    {
        using var stop = new CancellationTokenSource();
        var started = Path.Combine(_folder, "started");

        var running = Run(Shell($"touch {started}; sleep 60"), stop: stop.Token);
        while (!File.Exists(started))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        var outcome = await running;

        Assert.Equal(TrialEnd.Interrupted, outcome.End);
    }

    [Fact]
    public async Task RunAsync_VectorReports_ReachTheCallbackInObjectiveOrder()
    {
        var reports = new List<string>();

        var outcome = await Run(
            Shell(
                "echo 'hone: report 0.9 120'; echo 'hone: report seconds=100 accuracy=0.95 step=4'; echo 'hone: result accuracy=0.95 seconds=100'",
                objectives: [new Objective("accuracy", StudyDirection.Maximize), new Objective("seconds", StudyDirection.Minimize)]),
            (values, step) =>
            {
                reports.Add(FormattableString.Invariant($"{step}:{string.Join(",", values)}"));
                return false;
            });

        Assert.Equal(TrialEnd.Complete, outcome.End);
        Assert.Equal(["0:0.9,120", "4:0.95,100"], reports.Order());
    }

    [Fact]
    public async Task RunAsync_ReportOfOneValueInATwoObjectiveStudy_FailsAsAProtocolErrorNamingTheForm()
    {
        var outcome = await Run(
            Shell("echo 'hone: report 0.9 step=1'; sleep 5; echo 'hone: result 1 2'", objectives: [new Objective(null, StudyDirection.Maximize), new Objective(null, StudyDirection.Minimize)]),
            (_, _) => throw new InvalidOperationException("no report should reach the study"));

        Assert.Equal(TrialEnd.Failed, outcome.End);
        Assert.Contains("report gives 1 value(s), but the study has 2 objective(s). Print one value per objective, such as 'hone: report 0.5 1.5 step=3'.", outcome.Reason, StringComparison.Ordinal);
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(4), "the trial was not ended at its broken line");
    }

    [Fact]
    public async Task RunAsync_NamedObjectives_ReadTheirValues()
    {
        var outcome = await Run(
            Shell("echo 'hone: result loss=0.5 accuracy=0.75 seconds=2'", objectives: [new Objective("accuracy", StudyDirection.Maximize), new Objective("loss", StudyDirection.Minimize)]));

        Assert.Equal([0.75, 0.5], outcome.Values);
        Assert.Equal(2.0, outcome.Attrs["seconds"]);
    }
}

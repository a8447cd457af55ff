using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Hone.Cli.Running;

/// <summary>
/// Runs one trial's process: streams its output to log files, follows its protocol lines, stops it when pruned,
/// timed out or interrupted (SIGTERM to its process group, then SIGKILL to the whole tree after a grace period), and
/// ends any process it left behind.
/// </summary>
internal static class TrialProcess
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>The <c>setsid</c> program that starts each trial in a session (and process group) of its own, if present.</summary>
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>Runs the trial to its end.</summary>
    /// <param name="launch">What to run.</param>
    /// <param name="report">Records the intermediate values (one per objective) at a step and returns whether to prune; called from one thread at a time.</param>
    /// <param name="stop">Interrupts the trial: it is ended (SIGTERM, grace, SIGKILL) and reported as interrupted.</param>
    /// <param name="killNow">Cuts the grace period short.</param>
    /// <returns>The outcome.</returns>
    public static async Task<TrialOutcome> RunAsync(TrialLaunch launch, Func<IReadOnlyList<double>, int, bool> report, CancellationToken stop, CancellationToken killNow)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(launch.LogDirectory);
        File.Delete(launch.ReportPath);
        var start = new ProcessStartInfo
        {
            FileName = Setsid ?? launch.Arguments[0],
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Setsid is null ? launch.Arguments.Skip(1) : launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return new TrialOutcome { End = TrialEnd.Failed, Reason = $"could not start '{launch.Arguments[0]}': {e.Message}." };
        }

        using (process)
        {
            var supervisor = new Supervisor(launch, process, Setsid is not null, report, killNow);
            return await supervisor.RunAsync(clock, stop);
        }
    }

    /// <summary>The state of one running trial; its events are handled on one thread at a time.</summary>
    private sealed class Supervisor(TrialLaunch launch, Process process, bool ownGroup, Func<IReadOnlyList<double>, int, bool> report, CancellationToken killNow)
    {
        private readonly Channel<TrialEvent> _events = Channel.CreateUnbounded<TrialEvent>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Dictionary<string, object?> _attrs = [];
        private readonly int _pid = process.Id;
        private Task? _termination;
        private bool _running = true;
        private bool _pruned;
        private bool _timedOut;
        private bool _interrupted;
        private int? _prunedStep;
        private int _lastStep = -1;
        private string? _protocolError;
        private (ProtocolMessage Message, string Where)? _result;

        public async Task<TrialOutcome> RunAsync(Stopwatch clock, CancellationToken stop)
        {
            var usage = Task.Factory.StartNew(() => Posix.WaitForExit(_pid), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            process.StandardInput.Close();
            var stdout = new OutputPump(process.StandardOutput.BaseStream, launch.StdoutPath, (line, number, cut) => Post(TrialEvent.Line(line, "stdout", number, cut)), tailLines: 0);
            var stderr = new OutputPump(process.StandardError.BaseStream, launch.StderrPath, (line, number, cut) => Post(TrialEvent.Line(line, "stderr", number, cut)), tailLines: 5);
            using var timers = new CancellationTokenSource();
            var reportFile = new ReportFileReader(launch.ReportPath, (line, number, cut) => Post(TrialEvent.Line(line, "report file", number, cut)));
            var memory = new MemorySampler(_pid);
            var watching = WatchAsync(reportFile, memory, timers.Token);
            _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => Post(TrialEvent.Of(TrialEventKind.Exited)), TaskScheduler.Default);
            if (launch.Timeout is { } timeout)
            {
                _ = Task.Delay(timeout, timers.Token).ContinueWith(t => Post(TrialEvent.Of(TrialEventKind.TimedOut)), TaskContinuationOptions.OnlyOnRanToCompletion);
            }

            using var interruption = stop.Register(() => Post(TrialEvent.Of(TrialEventKind.Interrupted)));
            try
            {
                await foreach (var e in _events.Reader.ReadAllAsync(CancellationToken.None))
                {
                    if (e.Kind == TrialEventKind.Exited)
                    {
                        break;
                    }

                    Handle(e);
                }

                var duration = clock.Elapsed;
                _running = false;
                await timers.CancelAsync();
                await watching;
                await EndLeftoversAsync();
                await DrainAsync(stdout, stderr);
                reportFile.ReadToEnd(final: true);
                while (_events.Reader.TryRead(out var e))
                {
                    Handle(e);
                }

                var cpu = await usage;
                return Conclude(duration, new ResourceUsage(cpu?.User, cpu?.System, memory.Peak), stderr.Tail());
            }
            finally
            {
                if (_running)
                {
                    // Hone itself failed while the trial ran: leave nothing behind.
                    Kill();
                }
            }
        }

        private void Post(TrialEvent e) => _events.Writer.TryWrite(e);

        private void Handle(TrialEvent e)
        {
            switch (e.Kind)
            {
                case TrialEventKind.TimedOut:
                    _timedOut = true;
                    Terminate();
                    return;
                case TrialEventKind.Interrupted:
                    _interrupted = true;
                    Terminate();
                    return;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"{e.Source} line {e.Number}");
            ProtocolMessage message;
            (double[] Values, int? Step) reported = ([], null);
            try
            {
                message = e.Cut
                    ? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the line is longer than {OutputPump.MaxLineLength} bytes."))
                    : TrialProtocol.Parse(e.Text!);
                if (message.Kind == ProtocolKind.Report)
                {
                    reported = TrialProtocol.ReadReport(message, launch.Objectives);
                }
            }
            catch (FormatException error)
            {
                _protocolError ??= $"{where}: {error.Message} The line: '{Shorten(e.Text!)}'.";
                Terminate();
                return;
            }

            switch (message.Kind)
            {
                case ProtocolKind.Report:
                    var at = reported.Step ?? (_lastStep + 1);
                    _lastStep = Math.Max(_lastStep, at);
                    if (report(reported.Values, at) && _running && !_pruned)
                    {
                        (_pruned, _prunedStep) = (true, at);
                        Terminate();
                    }

                    break;
                case ProtocolKind.Result:
                    _result = (message, where);
                    break;
                default:
                    foreach (var (name, text) in message.Named)
                    {
                        _attrs[name] = TrialProtocol.TryNumber(text, out var number) && double.IsFinite(number) ? number : text;
                    }

                    break;
            }
        }

        private TrialOutcome Conclude(TimeSpan duration, ResourceUsage usage, IReadOnlyList<string> stderrTail)
        {
            var exitCode = process.ExitCode;
            var outcome = new TrialOutcome { End = TrialEnd.Failed, ExitCode = exitCode, Duration = duration, Usage = usage, Attrs = _attrs };
            var grace = FormatSeconds(launch.GracePeriod);
            if (_interrupted)
            {
                return outcome with { End = TrialEnd.Interrupted, Reason = "interrupted: hone was stopped while the trial ran; it was ended with SIGTERM (SIGKILL after " + grace + ")." };
            }

            if (_pruned)
            {
                return outcome with { End = TrialEnd.Pruned, PrunedStep = _prunedStep };
            }

            if (_timedOut)
            {
                return outcome with { Reason = $"timed out: it ran longer than trial_timeout ({FormatSeconds(launch.Timeout!.Value)}) and was ended with SIGTERM (SIGKILL after {grace})." };
            }

            if (_protocolError is not null)
            {
                return outcome with { Reason = "protocol error: " + _protocolError + " See docs/trial-protocol.md." };
            }

            if (exitCode != 0)
            {
                var tail = stderrTail.Count == 0 ? " It wrote nothing to stderr." : " Last lines of stderr:\n" + string.Join('\n', stderrTail);
                var meaning = exitCode switch
                {
                    127 => " (command not found)",
                    126 => " (command not executable)",
                    > 128 and < 160 => string.Create(CultureInfo.InvariantCulture, $" (killed by signal {exitCode - 128})"),
                    _ => string.Empty,
                };
                return outcome with { Reason = string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode}{meaning}.{tail}") };
            }

            if (_result is not { } result)
            {
                return outcome with { Reason = "exited with code 0 without printing a result: print a line such as 'hone: result 0.93' (see docs/trial-protocol.md)." };
            }

            try
            {
                var (values, extra) = ReadResult(result.Message, launch.Objectives);
                foreach (var (name, value) in extra)
                {
                    _attrs[name] = value;
                }

                outcome = outcome with { Values = values };
            }
            catch (FormatException e)
            {
                return outcome with { Reason = $"bad result ({result.Where}): {e.Message}" };
            }

            try
            {
                return outcome with { End = TrialEnd.Complete, Constraints = MetricConstraint.Evaluate(launch.Constraints, _attrs) };
            }
            catch (FormatException e)
            {
                return outcome with { Values = null, Reason = "bad constraint: " + e.Message };
            }
        }

        // Follows the report file and samples memory while the trial runs.
        private async Task WatchAsync(ReportFileReader reader, MemorySampler memory, CancellationToken token)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(WatchInterval, token);
                    memory.Sample();
                    reader.ReadToEnd(final: false);
                }
            }
            catch (OperationCanceledException)
            {
                // The trial ended; the final read follows.
            }
        }

        // Ends what the trial left in its process group after its main process exited, and waits for a termination under way.
        private async Task EndLeftoversAsync()
        {
            if (_termination is not null)
            {
                await _termination;
            }

            if (ownGroup && Posix.Signal(_pid, 0, group: true))
            {
                await TerminateAsync();
            }
        }

        private async Task DrainAsync(OutputPump stdout, OutputPump stderr)
        {
            var both = Task.WhenAll(stdout.Completion, stderr.Completion);
            if (await Task.WhenAny(both, Task.Delay(OutputDrainLimit)) != both)
            {
                // A process outside the trial's group (it started a session of its own) holds the pipes open: stop reading.
                process.StandardOutput.BaseStream.Dispose();
                process.StandardError.BaseStream.Dispose();
                await both;
            }
        }

        private void Terminate() => _termination ??= TerminateAsync();

        private async Task TerminateAsync()
        {
            if (!Posix.IsSupported)
            {
                Kill();
                return;
            }

            if (!(ownGroup && Posix.Signal(_pid, Posix.SigTerm, group: true)))
            {
                Posix.Signal(_pid, Posix.SigTerm);
            }

            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < launch.GracePeriod && !killNow.IsCancellationRequested && IsAlive())
            {
                await Task.Delay(PollInterval, CancellationToken.None);
            }

            Kill();
        }

        private bool IsAlive() => !process.HasExited || (ownGroup && Posix.Signal(_pid, 0, group: true));

        private void Kill()
        {
            if (ownGroup)
            {
                Posix.Signal(_pid, Posix.SigKill, group: true);
            }

            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // It has exited already.
            }
        }
    }

    /// <summary>The objective values of a result line, in objective order, and the named values that are no objective.</summary>
    /// <param name="message">The result.</param>
    /// <param name="objectives">The study's objectives.</param>
    /// <returns>The values and the extra metrics.</returns>
    /// <exception cref="FormatException">A value is missing, extra or not finite.</exception>
    internal static (double[] Values, Dictionary<string, double> Extra) ReadResult(ProtocolMessage message, IReadOnlyList<Objective> objectives)
    {
        var extra = new Dictionary<string, double>();
        double[] values;
        if (message.Numbers.Count > 0)
        {
            values = message.Numbers.Count == objectives.Count
                ? [.. message.Numbers]
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"it gives {message.Numbers.Count} value(s), but the study has {objectives.Count} objective(s)."));
        }
        else
        {
            var named = message.Named.ToDictionary(n => n.Key, n => TrialProtocol.TryNumber(n.Value, out var v) ? v : double.NaN);
            values = TrialProtocol.ByObjective(named, objectives, "result");
            foreach (var (name, value) in named)
            {
                extra[name] = value;
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                var label = objectives[i].Name ?? (objectives.Count == 1 ? "the value" : string.Create(CultureInfo.InvariantCulture, $"value {i}"));
                throw new FormatException($"{label} is {values[i].ToString(CultureInfo.InvariantCulture)}; objective values must be finite numbers.");
            }
        }

        return (values, extra);
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "..." : text;

    private static string FormatSeconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}

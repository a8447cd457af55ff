using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Running;

/// <summary>
/// Runs the trials of a study file: asks the study for parameters, runs the command once per trial with up to
/// <see cref="StudyFile.Parallelism"/> at once, and tells the study each outcome, until the study has its target number
/// of trials, the timeout passes, the sampler runs out, or the run is stopped.
/// </summary>
/// <remarks>
/// <para>The target is study-wide (<see cref="Study.TryAsk"/>): it counts the trials of earlier runs and of every other
/// <c>hone run</c> or <c>hone worker</c> on the study, so that a second run of the same file runs only what is missing
/// and several workers together never pass it. A failed trial replaced by its retry does not count.</para>
/// <para>Failures are retried by the study's <see cref="RetryPolicy"/>; a dead worker's trials are failed as stale by
/// whichever worker notices (heartbeats), and retried by the same policy.</para>
/// <para>On a stop, no trial starts; running ones are ended (SIGTERM, then SIGKILL after the grace period), stored as
/// failed with <see cref="RunKeys.Interrupted"/>, and their parameters queued (<see cref="Study.Retry"/>) so that the
/// next run evaluates them first.</para>
/// </remarks>
internal sealed class StudyRunner
{
    private const string FailReason = "fail_reason";

    private readonly StudyFile _file;
    private readonly Study _study;
    private readonly IReadOnlyList<string> _program;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly SlotPool? _pool;
    private readonly Lock _askLock = new();
    private readonly ConcurrentDictionary<int, int> _retries = new();
    private volatile bool _exhausted;
    private volatile IRunView? _view;

    /// <summary>Creates a runner.</summary>
    /// <param name="file">The study file.</param>
    /// <param name="study">The study, created or loaded.</param>
    /// <param name="program">The command's program resolved to a path (the shell for a text command).</param>
    /// <param name="environment">The environment every trial starts from, the file's <c>env</c> included.</param>
    /// <param name="target">The number of trials the study should have, or <see langword="null"/> for no limit.</param>
    public StudyRunner(StudyFile file, Study study, string program, IReadOnlyDictionary<string, string> environment, int? target)
    {
        _file = file;
        _study = study;
        _program = [program];
        _environment = environment;
        _pool = file.Slots is { } slots ? new SlotPool(slots) : null;
        Target = target;
    }

    /// <summary>The number of trials the study should have, or <see langword="null"/>.</summary>
    public int? Target { get; }

    /// <summary>Whether the sampler ran out of parameters (a finished grid).</summary>
    public bool Exhausted => _exhausted;

    /// <summary>The finished trials that count toward the target: those not replaced by a retry.</summary>
    /// <param name="trials">The study's trials.</param>
    /// <returns>How many count.</returns>
    public static int CountFinished(IReadOnlyCollection<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var replaced = trials.Select(t => t.RetryOf).OfType<int>().ToHashSet();
        return trials.Count(t => t.State.IsFinished() && !replaced.Contains(t.Number));
    }

    /// <summary>The retry policy of a study file: <c>retries</c> for a failed program, at least one retry for a trial whose
    /// worker died (its parameters never ran to the end), none for an interrupted trial (a stop queues it itself).</summary>
    /// <param name="file">The study file.</param>
    /// <returns>The policy.</returns>
    public static RetryPolicy RetryPolicy(StudyFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new RetryPolicy
        {
            MaxRetries = Math.Max(file.Retries, 1),
            ShouldRetry = a => !a.Trial.SystemAttrs.ContainsKey(RunKeys.Interrupted) && (a.Kind == TrialFailureKind.Stale || a.Trial.Attempt <= file.Retries),
        };
    }

    /// <summary>Notes a failure the study recorded: a stale trial of a dead worker is shown.</summary>
    /// <param name="arguments">The failure.</param>
    public void OnTrialFailed(OnTrialFailedArguments arguments)
    {
        if (arguments.Kind == TrialFailureKind.Stale)
        {
            _view?.Notice(string.Create(
                CultureInfo.InvariantCulture,
                $"Trial {arguments.Trial.Number} lost its worker (no heartbeat for {RunText.Duration(_file.HeartbeatGrace)}); marked Failed."));
        }
    }

    /// <summary>Notes a retry the study queued.</summary>
    /// <param name="arguments">The retry.</param>
    public void OnTrialRetried(OnTrialRetriedArguments arguments)
    {
        _retries[arguments.Failed.Number] = arguments.Retry.Number;
        if (arguments.Failed.SystemAttrs.GetValueOrDefault(FailReason) is string reason && reason.StartsWith("stale:", StringComparison.Ordinal))
        {
            _view?.Notice(string.Create(CultureInfo.InvariantCulture, $"Trial {arguments.Failed.Number} runs again as trial {arguments.Retry.Number}."));
        }
    }

    /// <summary>Runs trials until the target, the timeout, the sampler's end or a stop.</summary>
    /// <param name="progress">Receives the counters.</param>
    /// <param name="view">Shows the progress.</param>
    /// <param name="stop">Starts no new trial and ends running ones.</param>
    /// <param name="killNow">Cuts the grace period of ending trials short.</param>
    /// <returns>A task that ends when every worker has.</returns>
    public async Task RunAsync(RunProgress progress, IRunView view, CancellationToken stop, CancellationToken killNow)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(view);
        _view = view;
        var deadline = _file.Timeout is { } timeout ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var workers = Enumerable.Range(0, _file.Parallelism)
            .Select(_ => Task.Run(() => WorkAsync(progress, view, deadline, stop, killNow), CancellationToken.None));
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(RunProgress progress, IRunView view, long deadline, CancellationToken stop, CancellationToken killNow)
    {
        while (!stop.IsCancellationRequested && !_exhausted && Stopwatch.GetTimestamp() < deadline)
        {
            int[]? slots = null;
            try
            {
                if (_pool is not null)
                {
                    slots = await _pool.AcquireAsync(stop);
                }

                if (stop.IsCancellationRequested || Stopwatch.GetTimestamp() >= deadline || !TryAsk(out var trial, out var values))
                {
                    return;
                }

                if (values is not null)
                {
                    await RunTrialAsync(trial, values, slots, progress, view, stop, killNow);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                if (slots is not null)
                {
                    _pool!.Release(slots);
                }
            }
        }
    }

    // Values are null when the parameters could not be suggested; the trial is then stored as failed already.
    private bool TryAsk(out Trial trial, out IReadOnlyDictionary<string, object?>? values)
    {
        lock (_askLock)
        {
            (trial, values) = (null!, null);
            try
            {
                if (_study.Sampler.IsExhausted(_study))
                {
                    _exhausted = true;
                    return false;
                }

                // Null when the study has its target, counting every worker's trials: this worker ends, while the others
                // go on and take the retries of any trial of theirs that fails.
                if ((Target is { } target ? _study.TryAsk(target) : _study.Ask()) is not { } started)
                {
                    return false;
                }

                trial = started;
            }
            catch (SearchSpaceExhaustedException)
            {
                _exhausted = true;
                return false;
            }

            try
            {
                values = _file.SearchSpace.Suggest(trial);
            }
            catch (ArgumentException e)
            {
                _study.Tell(trial, TrialState.Failed, "could not suggest the parameters: " + e.Message);
            }

            return true;
        }
    }

    private async Task RunTrialAsync(
        Trial trial,
        IReadOnlyDictionary<string, object?> values,
        int[]? slots,
        RunProgress progress,
        IRunView view,
        CancellationToken stop,
        CancellationToken killNow)
    {
        var logDirectory = Path.Combine(_file.LogDirectory, string.Create(CultureInfo.InvariantCulture, $"trial-{trial.Number}"));
        var arguments = _file.Command.Expand(values);
        var slotNames = slots is null ? null : _pool!.Names(slots);

        // Written before the process starts: the parameters, so that a retry after this worker dies runs the same ones (the
        // trial's final write repeats them, which storages ignore); the folder, so that `hone logs` shows a running trial.
        _study.Storage.UpdateTrial(trial.Id, new TrialUpdate
        {
            Params = [.. trial.Params.Entries()],
            SystemAttrs =
            [
                .. TrialOwner.Current.ToAttrs(),
                KeyValuePair.Create<string, object?>(RunKeys.LogDirectory, logDirectory),
                KeyValuePair.Create<string, object?>(RunKeys.Command, _file.Command.Display(values)),
                .. slotNames is null ? [] : new[] { KeyValuePair.Create<string, object?>(RunKeys.Slots, slotNames) },
            ],
        });
        var launch = new TrialLaunch(
            [.. _program, .. arguments.Skip(1)],
            _file.WorkingDirectory,
            new Dictionary<string, string>(),
            logDirectory,
            _file.Objectives,
            _file.Constraints,
            _file.TrialTimeout,
            _file.GracePeriod);
        Directory.CreateDirectory(logDirectory);
        File.WriteAllText(launch.ParamsPath, ParamsJson(values));
        launch = launch with { Environment = TrialEnvironment(trial, values, launch, slotNames) };
        progress.Started(new RunningTrial(trial.Number, values, slotNames, Stopwatch.StartNew()));
        var outcome = await TrialProcess.RunAsync(launch, (values, step) => Report(trial, progress, values, step), stop, killNow);
        FrozenTrial stored;
        string? repeat;
        try
        {
            (stored, repeat) = Record(trial, outcome);
        }
        catch (TrialAlreadyFinishedException)
        {
            // This worker was cut off from the storage (or paused) for longer than the grace period, and another worker
            // failed the trial as stale and queued its retry: the result is dropped and this worker goes on.
            if (TakenOver(trial) is not { } failed)
            {
                throw;
            }

            view.Notice(string.Create(CultureInfo.InvariantCulture, $"Trial {trial.Number} was failed as stale by another worker while it ran; its result is dropped."));
            var retry = _study.Storage.GetAllTrials(_study.Id).FirstOrDefault(t => t.RetryOf == failed.Number);
            (stored, repeat) = (failed, retry is null ? null : string.Create(CultureInfo.InvariantCulture, $"as trial {retry.Number}"));
            outcome = outcome with { End = TrialEnd.Failed, Reason = (string?)failed.SystemAttrs.GetValueOrDefault(FailReason) };
        }

        progress.Ended(stored, counted: repeat is null);
        view.TrialEnded(stored, outcome, repeat);
    }

    private bool Report(Trial trial, RunProgress progress, IReadOnlyList<double> values, int step)
    {
        try
        {
            // One value per objective, checked by the protocol: a vector in a multi-objective study, else the one value.
            trial.Report(values, step);
        }
        catch (TrialAlreadyFinishedException)
        {
            // Failed as stale by another worker, which queued its retry: the program's work is wasted, so end it.
            if (TakenOver(trial) is null)
            {
                throw;
            }

            return true;
        }

        progress.Reported(trial.Number, step, values);
        return trial.ShouldPrune();
    }

    // The trial as stored when another worker failed it as stale, else null. Read inside the catch, not in an exception
    // filter: a filter runs before the storage's failed write has unwound (SQLite's transaction is still open).
    private FrozenTrial? TakenOver(Trial trial) =>
        _study.Storage.GetTrial(trial.Id) is { State: TrialState.Failed } stored
        && stored.SystemAttrs.GetValueOrDefault(FailReason) is string reason
        && reason.StartsWith("stale:", StringComparison.Ordinal)
            ? stored
            : null;

    private (FrozenTrial Stored, string? Repeat) Record(Trial trial, TrialOutcome outcome)
    {
        foreach (var (key, value) in outcome.Attrs)
        {
            trial.SetUserAttr(key, value);
        }

        if (outcome.ExitCode is { } code)
        {
            trial.SetSystemAttr(RunKeys.ExitCode, (long)code);
            trial.SetSystemAttr(RunKeys.ProcessSeconds, outcome.Duration.TotalSeconds);
        }

        if (outcome.Usage?.PeakMemoryBytes is { } peak)
        {
            trial.SetSystemAttr(RunKeys.PeakMemoryBytes, peak);
        }

        if (outcome.Usage is { UserCpu: { } user, SystemCpu: { } system })
        {
            trial.SetSystemAttr(RunKeys.UserCpuSeconds, user.TotalSeconds);
            trial.SetSystemAttr(RunKeys.SystemCpuSeconds, system.TotalSeconds);
        }

        switch (outcome.End)
        {
            case TrialEnd.Complete:
                return (_study.Tell(trial, outcome.Values!, outcome.Constraints), null);
            case TrialEnd.Pruned:
                return (_study.Tell(trial, TrialState.Pruned), null);
            case TrialEnd.Interrupted:
                trial.SetSystemAttr(RunKeys.Interrupted, true);
                var interrupted = _study.Tell(trial, TrialState.Failed, outcome.Reason);
                _study.Retry(interrupted.Number);
                return (interrupted, "queued for the next run");
            default:
                var failed = _study.Tell(trial, TrialState.Failed, outcome.Reason);
                return (failed, _retries.TryGetValue(failed.Number, out var retry)
                    ? string.Create(CultureInfo.InvariantCulture, $"attempt {failed.Attempt + 1} of {_file.Retries + 1}, as trial {retry}")
                    : null);
        }
    }

    private Dictionary<string, string> TrialEnvironment(Trial trial, IReadOnlyDictionary<string, object?> values, TrialLaunch launch, string? slots)
    {
        var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal)
        {
            ["HONE_STUDY"] = _study.Name,
            ["HONE_TRIAL_NUMBER"] = trial.Number.ToString(CultureInfo.InvariantCulture),
            ["HONE_PARAMS_FILE"] = launch.ParamsPath,
            ["HONE_REPORT_FILE"] = launch.ReportPath,
            ["HONE_LOG_DIR"] = launch.LogDirectory,
        };
        foreach (var (name, value) in values)
        {
            environment[ParamVariable(name)] = CommandTemplate.Format(value);
        }

        if (slots is not null)
        {
            environment["HONE_SLOTS"] = slots;
            if (_file.Slots!.Variable is { } variable)
            {
                environment[variable] = slots;
            }
        }

        return environment;
    }

    /// <summary>The environment variable of a parameter: <c>HONE_PARAM_</c> and the name in capitals, other characters as <c>_</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The variable name.</returns>
    public static string ParamVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder("HONE_PARAM_", 11 + name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return builder.ToString();
    }

    /// <summary>The parameters as a JSON object, each value in its JSON kind.</summary>
    /// <param name="values">The parameters.</param>
    /// <returns>The JSON text.</returns>
    public static string ParamsJson(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                writer.WritePropertyName(name);
                switch (value)
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case bool b:
                        writer.WriteBooleanValue(b);
                        break;
                    case double d:
                        writer.WriteNumberValue(d);
                        break;
                    case int i:
                        writer.WriteNumberValue(i);
                        break;
                    case long l:
                        writer.WriteNumberValue(l);
                        break;
                    default:
                        writer.WriteStringValue(CommandTemplate.Format(value));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Finds the program of a list command: a path (relative to the working directory) or a name on PATH.</summary>
    /// <param name="file">The study file.</param>
    /// <param name="path">The PATH the trials get.</param>
    /// <returns>The program's full path.</returns>
    /// <exception cref="CliException">It is not found, or not executable.</exception>
    public static string ResolveProgram(StudyFile file, string? path)
    {
        ArgumentNullException.ThrowIfNull(file);
        var program = file.Command.Program;
        if (file.Command.IsShell)
        {
            return program;
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, file.WorkingDirectory);
            return IsExecutable(full)
                ? full
                : throw new CliException($"{file.CommandLocation}: command '{program}' ({full}) {(File.Exists(full) ? "is not executable; chmod +x it" : "does not exist")}.");
        }

        foreach (var folder in (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(Path.GetFullPath(folder, file.WorkingDirectory), program);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw new CliException($"{file.CommandLocation}: command '{program}' was not found on PATH ({path}). Install it, or give its path.");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}

using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Hone.Cli.Rendering;
using Hone.Cli.Running;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Spectre.Console;

namespace Hone.Cli.Commands;

/// <summary><c>hone run STUDY_FILE</c>: tunes any program described by a study file, resuming the study if it exists.</summary>
internal static class RunCommand
{
    /// <summary>The study attribute that keeps the study file's objective names, comma-separated (empty for an unnamed one).</summary>
    internal const string ObjectivesKey = "run:objectives";

    /// <summary>The study attribute that keeps the study file's constraints (<see cref="MetricConstraint.Describe"/>), so
    /// that a later run cannot change the limits that earlier trials' constraint values were measured against.</summary>
    internal const string ConstraintsKey = "run:constraints";

    /// <summary>The study attribute that keeps the parameters (<see cref="Hone.SearchSpaces.SearchSpace.ToJson"/>) of the
    /// last <c>hone run</c>, so that a worker started with another version of the file is refused.</summary>
    internal const string ParametersKey = "run:parameters";

    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var file = new Argument<string>("STUDY_FILE") { Description = "The study file, YAML or JSON: parameters, command, objectives, budget (see docs/trial-protocol.md)." };
        var storage = new Option<string?>("--storage")
        {
            Description = "Where the study is kept, overriding the file's 'storage'. Without either: $HONE_STORAGE, else "
                + Storage.DefaultUrl + ". Relative paths in the file are relative to the file's folder.",
            HelpName = "URL",
        };
        var trials = new Option<int?>("--trials")
        {
            Description = "How many trials the study should have, overriding the file's 'trials' (trials of earlier runs count).",
            HelpName = "N",
            CustomParser = PositiveIntParser.For("--trials"),
        };
        var variables = new Option<string[]>("--env")
        {
            Description = "Add NAME=VALUE to every trial's environment, over the file's 'env'. Repeat for several.",
            HelpName = "NAME=VALUE",
        };
        var command = new Command(
            "run",
            "Tune a program: run its command once per trial with the parameters the sampler proposes, read the values it prints "
            + "('hone: result 0.93'), prune it on its reports, and store every trial. Run again to resume; Ctrl-C stops cleanly.")
        {
            file, storage, trials, variables,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(environment, () => RunAsync(
            environment,
            parse.GetRequiredValue(file),
            parse.GetValue(storage),
            parse.GetValue(trials),
            parse.GetValue(variables) ?? [],
            join: false)));
        return command;
    }

    /// <summary>Runs the trials of a study file until the study has its target.</summary>
    /// <param name="environment">The streams and environment.</param>
    /// <param name="path">The study file.</param>
    /// <param name="storageUrl">The <c>--storage</c> option.</param>
    /// <param name="trials">The <c>--trials</c> option.</param>
    /// <param name="variables">The <c>--env</c> options.</param>
    /// <param name="join">Whether the study must exist already (<c>hone worker</c>) rather than be created when missing.</param>
    /// <returns>The exit code.</returns>
    internal static async Task<int> RunAsync(CliEnvironment environment, string path, string? storageUrl, int? trials, string[] variables, bool join)
    {
        var file = StudyFileParser.Load(path);
        var baseEnvironment = BaseEnvironment(file, variables);
        var program = StudyRunner.ResolveProgram(file, baseEnvironment.GetValueOrDefault("PATH"));
        if (!Directory.Exists(file.WorkingDirectory))
        {
            throw new CliException($"{file.Path}: working directory '{file.WorkingDirectory}' does not exist.");
        }

        var url = storageUrl ?? file.Storage ?? (environment.GetVariable(StorageOption.Variable) is { Length: > 0 } v ? v : Storage.DefaultUrl);
        using var storage = StorageAccess.OpenForWriting(url);
        StudyRunner? runner = null;
        var study = OpenStudy(file, storage, url, join, new StudyOptions
        {
            Heartbeat = new HeartbeatOptions { Interval = file.Heartbeat, GracePeriod = file.HeartbeatGrace },
            Retry = StudyRunner.RetryPolicy(file),

            // The runner needs the study; the study's callbacks reach the runner once it exists.
            OnTrialFailed = a => runner?.OnTrialFailed(a),
            OnTrialRetried = a => runner?.OnTrialRetried(a),
        });
        runner = new StudyRunner(file, study, program, baseEnvironment, trials ?? file.Trials);
        var notices = new List<string>();
        var before = StudyRunner.CountFinished(study.Trials);
        if (before > 0)
        {
            notices.Insert(0, string.Create(
                CultureInfo.InvariantCulture,
                $"Resuming study '{study.Name}' in {StorageAccess.Describe(storage, url)}: {before} trial(s) done{(runner.Target is { } t ? $" of {t}" : string.Empty)}."));
        }

        var target = runner.Target is { } total ? Math.Max(0, total - before) : (int?)null;
        if (target == 0)
        {
            notices.ForEach(n => environment.Error.Write(n + "\n"));
            environment.Error.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"Study '{study.Name}' already has {before} trial(s), its target; nothing to run. Raise 'trials'{(join ? " in the study file" : " or pass --trials")} to run more.\n"));
            WriteBest(environment, file, study);
            return ExitCodes.Success;
        }

        var progress = new RunProgress(study.Directions, target, file.Timeout, file.Parallelism, BestSoFar(study));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(environment.Interrupt);
        using var killNow = new CancellationTokenSource();
        await using (var view = CreateView(environment, progress, file, study.Name))
        {
            notices.ForEach(view.Notice);
            using var registration = stop.Token.Register(() => view.Notice(string.Create(
                CultureInfo.InvariantCulture,
                $"Stopping: no new trials; ending {progress.Snapshot().Running} running trial(s) (SIGTERM, then SIGKILL after {RunText.Duration(file.GracePeriod)}). Press Ctrl-C again to kill them now.")));
            using var signals = environment.TrapSignals ? TrapSignals(stop, killNow) : null;
            await runner.RunAsync(progress, view, stop.Token, killNow.Token);
        }

        return Summarize(environment, file, study, progress, runner, stop.IsCancellationRequested);
    }

    private static Study OpenStudy(StudyFile file, IStorage storage, string url, bool join, StudyOptions workers)
    {
        if (join && !storage.GetAllStudies().Any(s => s.Name == file.Name))
        {
            throw new CliException(
                $"{file.Path}: study '{file.Name}' does not exist in {StorageAccess.Describe(storage, url)}; a worker joins an existing study. Start it with `hone run {file.Path}`, or check --storage.");
        }

        Study study;
        try
        {
            study = Study.Create(new StudyOptions
            {
                Name = file.Name,
                Storage = storage,
                Sampler = file.Sampler,
                Pruner = file.Pruner,
                Directions = [.. file.Objectives.Select(o => o.Direction)],
                LoadIfExists = true,
                Heartbeat = workers.Heartbeat,
                Retry = workers.Retry,
                OnTrialFailed = workers.OnTrialFailed,
                OnTrialRetried = workers.OnTrialRetried,
            });
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{file.Path}: {CliException.Reason(e)} (storage {url})");
        }

        var summary = storage.GetStudy(study.Id);
        var names = string.Join(',', file.Objectives.Select(o => o.Name ?? string.Empty));
        if (summary.SystemAttrs.GetValueOrDefault(ObjectivesKey) is string known && known != names)
        {
            throw new CliException($"{file.Path}: study '{file.Name}' was run with objectives [{known}], but the file names [{names}]. Keep the names, or give the study another name.");
        }

        // A study from before constraints were recorded had none, unless it has no trials yet.
        var limits = MetricConstraint.Describe(file.Constraints);
        var knownLimits = summary.SystemAttrs.GetValueOrDefault(ConstraintsKey) as string ?? (summary.TrialCount > 0 ? string.Empty : limits);
        if (knownLimits != limits)
        {
            throw new CliException($"{file.Path}: study '{file.Name}' was run with constraints [{knownLimits}], but the file gives [{limits}]; its trials' constraint values were measured against the old limits. Keep them, or give the study another name.");
        }

        // hone run may change the parameters of a study it resumes (a narrower range, say); a worker joins with those.
        var parameters = file.SearchSpace.ToJson();
        if (!join)
        {
            study.SetSystemAttr(ParametersKey, parameters);
        }
        else if (summary.SystemAttrs.GetValueOrDefault(ParametersKey) is string started && started != parameters)
        {
            throw new CliException(
                $"{file.Path}: its parameters differ from those of study '{file.Name}' ({ParameterChanges(started, parameters)}). A worker runs the study file of `hone run`: copy that file here, or change the study with `hone run` and this file.");
        }

        study.SetSystemAttr(ObjectivesKey, names);
        study.SetSystemAttr(ConstraintsKey, limits);
        return study;
    }

    private static string ParameterChanges(string started, string given)
    {
        static Dictionary<string, string> Read(string json) => JsonNode.Parse(json)!["parameters"]!.AsArray()
            .ToDictionary(
                p => (string)p!["name"]!,
                p => p!["distribution"]!.ToJsonString() + (p["when"] is { } when ? " when " + when.ToJsonString() : string.Empty),
                StringComparer.Ordinal);
        var (before, now) = (Read(started), Read(given));
        var changes = now.Where(p => !before.ContainsKey(p.Key)).Select(p => $"'{p.Key}' is new")
            .Concat(before.Where(p => !now.ContainsKey(p.Key)).Select(p => $"'{p.Key}' is missing"))
            .Concat(now.Where(p => before.TryGetValue(p.Key, out var b) && b != p.Value).Select(p => $"'{p.Key}' is {p.Value} here, {before[p.Key]} in the study"))
            .ToList();
        return changes.Count > 0 ? string.Join("; ", changes) : "they come in another order";
    }

    private static Dictionary<string, string> BaseEnvironment(StudyFile file, string[] variables)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        foreach (var (name, value) in file.Environment)
        {
            result[name] = value;
        }

        foreach (var variable in variables)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--env takes NAME=VALUE, but got '{variable}'.");
            }

            result[variable[..equals]] = variable[(equals + 1)..];
        }

        return result;
    }

    private static IRunView CreateView(CliEnvironment environment, RunProgress progress, StudyFile file, string name)
    {
        if (!environment.OutputIsTerminal)
        {
            return new PlainRunView(environment.Error, progress, file.Objectives);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = environment.Ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.Ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(environment.Out),
        });
        if (environment.Width is { } width)
        {
            console.Profile.Width = width;
        }

        return new LiveRunView(console, progress, file.Objectives, name);
    }

    private static IDisposable TrapSignals(CancellationTokenSource stop, CancellationTokenSource killNow)
    {
        void Handle(PosixSignalContext context)
        {
            // The first signal stops cleanly, a second one cuts the grace period; the process itself is never torn down here.
            context.Cancel = true;
            if (stop.IsCancellationRequested)
            {
                killNow.Cancel();
            }
            else
            {
                stop.Cancel();
            }
        }

        return new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    private static FrozenTrial? BestSoFar(Study study) =>
        study.Directions.Count == 1 && study.GetTrials(TrialState.Complete).Count > 0 ? study.BestTrial : null;

    private static int Summarize(CliEnvironment environment, StudyFile file, Study study, RunProgress progress, StudyRunner runner, bool interrupted)
    {
        var finished = progress.Finished().OrderBy(t => t.Number).ToList();
        var table = TrialColumns.Table(study.Directions, finished, $"Trials of this run of {study.Name}");
        TableWriter.Write(table, environment);
        if (runner.Exhausted)
        {
            environment.Error.Write("The sampler has no parameters left to propose (every grid point was run).\n");
        }

        WriteBest(environment, file, study);
        var snapshot = progress.Snapshot();
        if (interrupted)
        {
            environment.Error.Write($"Interrupted. Trials that were running are queued to run again: `hone run {file.Path}` resumes the study.\n");
            return ExitCodes.Interrupted;
        }

        if (snapshot.Done > 0 && snapshot.Failed == snapshot.Done)
        {
            var last = finished[^1].Number;
            CommandRunner.WriteError(environment, string.Create(
                CultureInfo.InvariantCulture,
                $"every trial of this run failed ({snapshot.Failed}). See why with `hone trials {study.Name} --state Failed` and `hone logs {study.Name} {last} --stderr`."));
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static void WriteBest(CliEnvironment environment, StudyFile file, Study study)
    {
        // Plain output keeps standard output to the table alone, so that it stays machine-readable.
        var writer = environment.OutputIsTerminal ? environment.Out : environment.Error;
        if (study.GetTrials(TrialState.Complete).Count == 0)
        {
            return;
        }

        var best = study.Directions.Count == 1 ? [study.BestTrial] : study.BestTrials;
        if (best.Count > 1)
        {
            writer.Write($"Pareto front: trials {string.Join(", ", best.Select(t => t.Number.ToString(CultureInfo.InvariantCulture)))}.\n");
        }

        var first = best[0];
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"Best trial {first.Number}: {RunText.Values(first, file.Objectives)} with {RunText.Params(first.Params)}\n"));
        var command = first.SystemAttrs.GetValueOrDefault(RunKeys.Command) as string ?? file.Command.Display(first.Params);

        // A program that reads its parameters from HONE_PARAMS_FILE (as python/hone_trial.py does) needs the file to rerun.
        var placeholders = file.Command.Placeholders;
        if (first.Params.Keys.Any(name => !placeholders.Contains(name))
            && first.SystemAttrs.GetValueOrDefault(RunKeys.LogDirectory) is string logDirectory)
        {
            command = $"HONE_PARAMS_FILE={CommandTemplate.Quote(Path.Combine(logDirectory, "params.json"))} {command}";
        }

        writer.Write($"Reproduce: cd {CommandTemplate.Quote(file.WorkingDirectory)} && {command}\n");
    }

    private sealed class Registrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}

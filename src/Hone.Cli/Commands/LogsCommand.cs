using System.CommandLine;
using System.Globalization;
using System.Text;
using Hone.Cli.Running;
using Hone.Trials;

namespace Hone.Cli.Commands;

/// <summary><c>hone logs STUDY TRIAL</c>: prints the output a trial of <c>hone run</c> wrote.</summary>
internal static class LogsCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var study = new Argument<string>("STUDY") { Description = "The name of the study, as `hone studies` lists it." };
        var trial = new Argument<int>("TRIAL") { Description = "The trial number, as `hone trials` lists it." };
        var stderr = new Option<bool>("--stderr") { Description = "Print the trial's standard error instead of its standard output." };
        var tail = new Option<int?>("--tail")
        {
            Description = "Print only the last N lines.",
            HelpName = "N",
            CustomParser = PositiveIntParser.For("--tail"),
        };
        var storage = StorageOption.Create(environment);
        var command = new Command(
            "logs",
            "Print the standard output (or, with --stderr, the standard error) that a trial run by `hone run` wrote, "
            + "from the log files kept beside the study file; works while the trial runs.")
        {
            study, trial, stderr, tail, storage,
        };
        command.SetAction(parse => CommandRunner.Run(environment, () => Run(
            environment,
            parse.GetRequiredValue(storage),
            parse.GetRequiredValue(study),
            parse.GetValue(trial),
            parse.GetValue(stderr),
            parse.GetValue(tail))));
        return command;
    }

    private static int Run(CliEnvironment environment, string url, string name, int number, bool stderr, int? tail)
    {
        using var storage = StorageAccess.OpenForReading(url);
        var study = storage.GetStudy(name);
        FrozenTrial trial;
        try
        {
            trial = storage.GetTrial(study.Id, number);
        }
        catch (TrialNotFoundException)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"Study '{name}' has no trial {number}. See its trials with `hone trials {name}`."));
        }

        if (trial.SystemAttrs.GetValueOrDefault(RunKeys.LogDirectory) is not string folder)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"Trial {number} of study '{name}' was not run by `hone run`, so it has no logs."));
        }

        var path = Path.Combine(folder, stderr ? "stderr.log" : "stdout.log");
        if (!File.Exists(path))
        {
            // A worker keeps its trials' logs on its own machine.
            throw new CliException(trial.SystemAttrs.GetValueOrDefault(TrialOwner.HostKey) is string host && host != TrialOwner.Current.Host
                ? string.Create(CultureInfo.InvariantCulture, $"Trial {number} ran on {host}, and its log file '{path}' is there: run `hone logs` on {host}.")
                : $"The log file '{path}' of trial {number.ToString(CultureInfo.InvariantCulture)} is gone (moved or deleted).");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (tail is { } lines)
        {
            stream.Position = TailStart(stream, lines);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            environment.Out.Write(buffer, 0, read);
        }

        return ExitCodes.Success;
    }

    // Where the last `lines` lines start, found by reading backwards in blocks: a huge log is never read whole.
    private static long TailStart(FileStream stream, int lines)
    {
        var buffer = new byte[64 * 1024];
        var end = stream.Length;
        var position = end;
        var newlines = 0;

        // A final line break ends the last line rather than starting an empty one.
        if (end > 0)
        {
            stream.Position = end - 1;
            if (stream.ReadByte() == '\n')
            {
                position--;
            }
        }

        while (position > 0)
        {
            var size = (int)Math.Min(buffer.Length, position);
            position -= size;
            stream.Position = position;
            stream.ReadExactly(buffer, 0, size);
            for (var i = size - 1; i >= 0; i--)
            {
                if (buffer[i] == '\n' && ++newlines == lines)
                {
                    return position + i + 1;
                }
            }
        }

        return 0;
    }
}

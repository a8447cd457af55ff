using System.CommandLine;
using System.Text;
using Hone.Exports;
using Hone.Studies;

namespace Hone.Cli.Commands;

/// <summary><c>hone export STUDY --format csv|json</c>: writes a study's trials through <see cref="TrialExport"/>.</summary>
internal static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var study = new Argument<string>("STUDY") { Description = "The name of the study, as `hone studies` lists it." };
        var format = new Option<string>("--format")
        {
            Description = "csv: one row per trial (number, state, values, times, params_NAME, user_attrs_KEY, fail_reason, and retry_of when there are retries), RFC 4180. "
                + "json: the study and every trial in full (distributions, intermediate values, attributes).",
            HelpName = "csv|json",
            Required = true,
        };
        format.CompletionSources.Add("csv", "json");
        var output = new Option<string>("--output", "-o")
        {
            Description = "Write to this file (replaced if it exists) instead of standard output.",
            HelpName = "FILE",
        };
        var storage = StorageOption.Create(environment);
        var command = new Command("export", "Export every trial of a study as CSV or JSON, with invariant-culture, round-trippable numbers.")
        {
            study, format, output, storage,
        };
        command.SetAction(parse => CommandRunner.Run(environment, () => Run(
            environment,
            parse.GetRequiredValue(storage),
            parse.GetRequiredValue(study),
            parse.GetRequiredValue(format),
            parse.GetValue(output))));
        return command;
    }

    private static int Run(CliEnvironment environment, string url, string name, string format, string? output)
    {
        Action<Study, TextWriter> write = format.Trim() switch
        {
            var f when f.Equals("csv", StringComparison.OrdinalIgnoreCase) => TrialExport.WriteCsv,
            var f when f.Equals("json", StringComparison.OrdinalIgnoreCase) => TrialExport.WriteJson,
            _ => throw new CliException($"Unknown export format '{format}'. Use --format csv or --format json."),
        };
        using var storage = StorageAccess.OpenForReading(url);
        var study = Study.Load(name, storage);
        if (output is null)
        {
            write(study, environment.Out);
            return ExitCodes.Success;
        }

        using (var file = new StreamWriter(output, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            write(study, file);
        }

        environment.Error.Write($"Exported study '{study.Name}' to '{output}'.\n");
        return ExitCodes.Success;
    }
}

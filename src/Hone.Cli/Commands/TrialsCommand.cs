using System.CommandLine;
using Hone.Cli.Rendering;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Commands;

/// <summary><c>hone trials STUDY</c>: one row per trial with its number, state, values, duration and parameters.</summary>
internal static class TrialsCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var study = new Argument<string>("STUDY") { Description = "The name of the study, as `hone studies` lists it." };
        var states = new Option<TrialState[]>("--state")
        {
            Description = "Show only trials in this state: Complete, Pruned, Failed, Running or Waiting (any case). Repeat to show several states.",
            HelpName = "STATE",
        };
        var limit = new Option<int?>("--limit")
        {
            Description = "Show only the N most recent (highest-numbered) trials that match, still in number order.",
            HelpName = "N",
            CustomParser = PositiveIntParser.For("--limit", "Leave it out to show every trial."),
        };
        var storage = StorageOption.Create(environment);
        var command = new Command(
            "trials",
            "List the trials of a study in number order: number, state, objective value(s), duration in seconds, one column per parameter, and retry_of (the failed trial a retry repeats) when there are retries.")
        {
            study, states, limit, storage,
        };
        command.SetAction(parse => CommandRunner.Run(environment, () => Run(
            environment,
            parse.GetRequiredValue(storage),
            parse.GetRequiredValue(study),
            parse.GetValue(states) ?? [],
            parse.GetValue(limit))));
        return command;
    }

    private static int Run(CliEnvironment environment, string url, string name, TrialState[] states, int? limit)
    {
        using var storage = StorageAccess.OpenForReading(url);
        var study = storage.GetStudy(name);
        IEnumerable<FrozenTrial> selected = storage.GetAllTrials(study.Id, states.Length == 0 ? null : states);
        if (limit is { } n)
        {
            selected = selected.TakeLast(n);
        }

        var trials = selected.ToList();
        var table = TrialColumns.Table(study.Directions, trials, $"Trials of {study.Name} ({string.Join(", ", study.Directions)})");
        TableWriter.Write(table, environment);
        return ExitCodes.Success;
    }
}

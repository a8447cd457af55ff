using System.CommandLine;
using Hone.Cli.Rendering;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Commands;

/// <summary><c>hone studies</c>: one row per study with its directions, trial counts by state, best value and creation time.</summary>
internal static class StudiesCommand
{
    private static readonly TrialState[] CountedStates =
        [TrialState.Complete, TrialState.Pruned, TrialState.Failed, TrialState.Running, TrialState.Waiting];

    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var storage = StorageOption.Create(environment);
        var command = new Command(
            "studies",
            "List every study: its directions, how many trials are complete, pruned, failed, running and waiting, "
            + "the best value (single-objective studies) and when it was created.")
        {
            storage,
        };
        command.SetAction(parse => CommandRunner.Run(environment, () => Run(environment, parse.GetRequiredValue(storage))));
        return command;
    }

    private static int Run(CliEnvironment environment, string url)
    {
        using var storage = StorageAccess.OpenForReading(url);
        Column[] columns =
        [
            new("name", "Study"),
            new("directions", "Directions"),
            .. CountedStates.Select(s => new Column(s.ToString().ToLowerInvariant(), s.ToString(), Numeric: true)),
            new("best_value", "Best value", Numeric: true),
            new("created", "Created"),
        ];
        var table = new OutputTable(columns) { Title = $"Studies in {StorageAccess.Describe(storage, url)}" };
        foreach (var study in storage.GetAllStudies())
        {
            var trials = storage.GetAllTrials(study.Id);
            table.AddRow(
            [
                Cell.Of(study.Name),
                Cell.Of(string.Join(',', study.Directions)),
                .. CountedStates.Select(s => CellFormat.Integer(trials.Count(t => t.State == s))),
                CellFormat.Number(BestValue(study, trials)),
                CellFormat.Time(study.Created),
            ]);
        }

        TableWriter.Write(table, environment);
        return ExitCodes.Success;
    }

    private static double? BestValue(StudySummary study, IReadOnlyList<FrozenTrial> trials)
    {
        if (study.Directions.Count != 1)
        {
            return null;
        }

        var values = trials.Where(t => t.State == TrialState.Complete).Select(t => t.Value).ToList();
        return values.Count == 0 ? null : study.Directions[0] == StudyDirection.Minimize ? values.Min() : values.Max();
    }
}

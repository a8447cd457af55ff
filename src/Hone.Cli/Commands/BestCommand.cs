using System.CommandLine;
using Hone.Cli.Rendering;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Commands;

/// <summary><c>hone best STUDY</c>: the best trial of a single-objective study, or the Pareto front of a multi-objective one.</summary>
internal static class BestCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var study = new Argument<string>("STUDY") { Description = "The name of the study, as `hone studies` lists it." };
        var storage = StorageOption.Create(environment);
        var command = new Command(
            "best",
            "Show the best trial of a study (number, value, parameters, user attributes); for a study with several "
            + "objectives, every trial of the Pareto front (the complete trials no other complete trial beats on all objectives).")
        {
            study, storage,
        };
        command.SetAction(parse => CommandRunner.Run(environment, () => Run(environment, parse.GetRequiredValue(storage), parse.GetRequiredValue(study))));
        return command;
    }

    private static int Run(CliEnvironment environment, string url, string name)
    {
        using var storage = StorageAccess.OpenForReading(url);
        var study = Study.Load(name, storage);
        if (!study.GetTrials(TrialState.Complete).Any())
        {
            throw new CliException($"Study '{name}' has no complete trial yet, so it has no best trial. See its trials with `hone trials {name}`.");
        }

        var single = study.Directions.Count == 1;
        IReadOnlyList<FrozenTrial> best = single ? [study.BestTrial] : study.BestTrials;
        var paramNames = TrialColumns.ParamNames(best);
        var attrKeys = TrialColumns.UserAttrKeys(best);
        Column[] columns =
        [
            new("number", single ? "Trial" : "#", Numeric: true),
            .. TrialColumns.Values(study.Directions),
            .. paramNames.Select(p => TrialColumns.Param(p, best)),
            .. attrKeys.Select(TrialColumns.UserAttr),
        ];
        var table = new OutputTable(columns)
        {
            Title = single ? $"Best trial of {study.Name} ({study.Direction})" : $"Pareto front of {study.Name} ({string.Join(", ", study.Directions)})",
        };
        foreach (var trial in best)
        {
            table.AddRow(
            [
                CellFormat.Integer(trial.Number),
                .. TrialColumns.Values(trial, study.Directions.Count),
                .. paramNames.Select(p => CellFormat.ValueOf(trial.Params, p)),
                .. attrKeys.Select(k => CellFormat.ValueOf(trial.UserAttrs, k)),
            ]);
        }

        if (single)
        {
            TableWriter.WriteRecord(table, environment);
        }
        else
        {
            TableWriter.Write(table, environment);
        }

        return ExitCodes.Success;
    }
}

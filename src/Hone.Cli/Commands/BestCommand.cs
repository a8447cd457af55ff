using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hone.Cli.Rendering;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Cli.Commands;

/// <summary><c>hone best STUDY</c>: the best trial of a single-objective study, or the Pareto front of a multi-objective
/// one with its hypervolume.</summary>
/// <remarks>The front's table goes to standard output; its hypervolume line follows it on a terminal, and goes to
/// standard error otherwise, so that plain output stays one header and rows.</remarks>
internal static class BestCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var study = new Argument<string>("STUDY") { Description = "The name of the study, as `hone studies` lists it." };
        var reference = new Option<double[]?>("--reference")
        {
            Description = "For a study with several objectives, the reference point of the hypervolume: one value per objective, "
                + "in the objectives' own units and directions, separated by commas, like 1.5,2 (--reference=-1,2 for a negative first value). "
                + "Default: the front's worst value in each objective, made worse by a tenth of the front's range.",
            HelpName = "V1,V2,...",
            CustomParser = ParseReference,
        };
        var storage = StorageOption.Create(environment);
        var command = new Command(
            "best",
            "Show the best trial of a study (number, value, parameters, user attributes, retry_of for a retry); for a study with several "
            + "objectives, every trial of the Pareto front (the complete trials no other complete trial beats on all objectives) "
            + "and the front's hypervolume.")
        {
            study, reference, storage,
        };
        command.SetAction(parse => CommandRunner.Run(
            environment,
            // An absent array option reads as an empty array.
            () => Run(environment, parse.GetRequiredValue(storage), parse.GetRequiredValue(study), parse.GetValue(reference) is { Length: > 0 } given ? given : null)));
        return command;
    }

    private static int Run(CliEnvironment environment, string url, string name, double[]? reference)
    {
        using var storage = StorageAccess.OpenForReading(url);
        var study = Study.Load(name, storage);
        var single = study.Directions.Count == 1;
        if (single && reference is not null)
        {
            throw new CliException($"--reference sets the hypervolume's reference point of a study with several objectives, but study '{name}' has one. Leave it out.");
        }

        if (reference is not null && reference.Length != study.Directions.Count)
        {
            throw new CliException(string.Create(
                CultureInfo.InvariantCulture,
                $"--reference has {reference.Length} value(s), but study '{name}' has {study.Directions.Count} objectives ({string.Join(", ", study.Directions)}). Give one value per objective, like --reference {string.Join(',', Enumerable.Range(1, study.Directions.Count))}."));
        }

        if (!study.GetTrials(TrialState.Complete).Any())
        {
            throw new CliException($"Study '{name}' has no complete trial yet, so it has no best trial. See its trials with `hone trials {name}`.");
        }

        IReadOnlyList<FrozenTrial> best = single ? [study.BestTrial] : study.BestTrials;
        var paramNames = TrialColumns.ParamNames(best);
        var attrKeys = TrialColumns.UserAttrKeys(best);
        var retryOf = TrialColumns.RetryOf(best);
        Column[] columns =
        [
            new("number", single ? "Trial" : "#", Numeric: true),
            .. TrialColumns.Values(study.Directions, ObjectiveNames(study)),
            .. paramNames.Select(p => TrialColumns.Param(p, best)),
            .. attrKeys.Select(TrialColumns.UserAttr),
            .. retryOf,
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
                .. TrialColumns.RetryOf(trial, retryOf),
            ]);
        }

        if (single)
        {
            TableWriter.WriteRecord(table, environment);
            return ExitCodes.Success;
        }

        TableWriter.Write(table, environment);
        var notes = environment.OutputIsTerminal ? environment.Out : environment.Error;
        foreach (var line in HypervolumeLines(best, study.Directions, reference, environment.OutputIsTerminal))
        {
            notes.Write(line + "\n");
        }

        return ExitCodes.Success;
    }

    /// <summary>The hypervolume of the front and the reference it is measured from; which trials of the front lie
    /// outside a given reference; or why an infeasible front has none.</summary>
    private static IEnumerable<string> HypervolumeLines(IReadOnlyList<FrozenTrial> front, IReadOnlyList<StudyDirection> directions, double[]? reference, bool terminal)
    {
        if (!front.All(t => t.IsFeasible))
        {
            yield return "No trial is feasible: the front above is of the least violating trials, and the hypervolume (of feasible trials) is 0.";
            yield break;
        }

        var point = reference ?? ParetoFront.DefaultReference(front, directions);
        var volume = ParetoFront.Hypervolume(front, directions, point);
        var format = terminal ? "G6" : "R";
        var text = string.Join(',', point.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
        yield return $"Hypervolume {volume.ToString(format, CultureInfo.InvariantCulture)} with reference point {text}"
            + (reference is null ? " (the front's worst values made worse by a tenth of its range; set one with --reference)." : ".");
        var outside = front.Where(t => !Bounds(point, t.Values!, directions)).Select(t => t.Number.ToString(CultureInfo.InvariantCulture)).ToList();
        if (outside.Count > 0)
        {
            yield return $"Trial(s) {string.Join(", ", outside)} of the front are not better than the reference point in every objective, so they add nothing.";
        }
    }

    private static bool Bounds(IReadOnlyList<double> reference, IReadOnlyList<double> values, IReadOnlyList<StudyDirection> directions)
    {
        for (var k = 0; k < values.Count; k++)
        {
            if (directions[k] == StudyDirection.Minimize ? !(values[k] < reference[k]) : !(values[k] > reference[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The objective names a study file gave (<c>hone run</c>), or <see langword="null"/>.</summary>
    private static string[]? ObjectiveNames(Study study) =>
        study.SystemAttrs.GetValueOrDefault(RunCommand.ObjectivesKey) is string names && names.Split(',') is { } split && split.Length == study.Directions.Count
            ? split
            : null;

    private static double[]? ParseReference(ArgumentResult result)
    {
        var text = result.Tokens[^1].Value;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                result.AddError($"--reference takes one number per objective separated by commas, like 1.5,2, but got '{text}'.");
                return null;
            }
        }

        return values;
    }
}

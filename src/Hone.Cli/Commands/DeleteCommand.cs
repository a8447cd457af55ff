using System.CommandLine;
using System.Globalization;

namespace Hone.Cli.Commands;

/// <summary><c>hone delete STUDY</c>: deletes a study and all its trials, after confirmation.</summary>
internal static class DeleteCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var study = new Argument<string>("STUDY") { Description = "The name of the study to delete, as `hone studies` lists it." };
        var yes = new Option<bool>("--yes", "-y")
        {
            Description = "Delete without asking. Required when standard input is not a terminal (scripts, pipes).",
        };
        var storage = StorageOption.Create(environment);
        var command = new Command(
            "delete",
            "Delete a study and all its trials; other studies in the storage are kept. Asks for confirmation unless --yes is given. Cannot be undone.")
        {
            study, yes, storage,
        };
        command.SetAction(parse => CommandRunner.Run(
            environment,
            () => Run(environment, parse.GetRequiredValue(storage), parse.GetRequiredValue(study), parse.GetValue(yes))));
        return command;
    }

    private static int Run(CliEnvironment environment, string url, string name, bool yes)
    {
        // Look the study up read-only first, so that a missing file is not created and nothing is locked while the user answers.
        string where;
        int trialCount;
        using (var reader = StorageAccess.OpenForReading(url))
        {
            trialCount = reader.GetStudy(name).TrialCount;
            where = StorageAccess.Describe(reader, url);
        }

        if (!yes && !Confirm(environment, name, trialCount, where))
        {
            environment.Error.Write($"Cancelled: study '{name}' was not deleted.\n");
            return ExitCodes.Failure;
        }

        using var storage = StorageAccess.OpenForWriting(url);
        storage.DeleteStudy(storage.GetStudy(name).Id);
        environment.Out.Write(string.Create(CultureInfo.InvariantCulture, $"Deleted study '{name}' and its {trialCount} trial(s) from '{where}'.\n"));
        return ExitCodes.Success;
    }

    private static bool Confirm(CliEnvironment environment, string name, int trialCount, string where)
    {
        if (!environment.InputIsTerminal)
        {
            throw new CliException($"Refusing to delete study '{name}' without confirmation: standard input is not a terminal. Pass --yes to delete it.");
        }

        environment.Error.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"Delete study '{name}' and its {trialCount} trial(s) from '{where}'? This cannot be undone. [y/N] "));
        environment.Error.Flush();
        var answer = environment.In.ReadLine()?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}

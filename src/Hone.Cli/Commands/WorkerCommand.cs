using System.CommandLine;
using Hone.Storages;

namespace Hone.Cli.Commands;

/// <summary>
/// <c>hone worker STUDY_FILE</c>: joins an existing study and runs its trials until the study has its target, as one of
/// any number of workers on any number of machines sharing the study's storage.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The streams and environment it uses.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var file = new Argument<string>("STUDY_FILE") { Description = "The study file of the study to join (the same file as `hone run`'s; each machine needs the command it names)." };
        var storage = new Option<string?>("--storage")
        {
            Description = "Where the study is kept, overriding the file's 'storage': a database every worker reaches, such as postgresql://user@host/db. "
                + "Without either: $HONE_STORAGE, else " + Storage.DefaultUrl + ".",
            HelpName = "URL",
        };
        var variables = new Option<string[]>("--env")
        {
            Description = "Add NAME=VALUE to every trial's environment, over the file's 'env'. Repeat for several.",
            HelpName = "NAME=VALUE",
        };
        var command = new Command(
            "worker",
            "Join an existing study (started by `hone run`) and run its trials until the study has its 'trials' target, counted over all "
            + "workers, or its grid is done. Start as many workers as you like on any machines that share the storage; a worker "
            + "that dies has its trials failed after 'heartbeat_grace' and run again.")
        {
            file, storage, variables,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(environment, () => RunCommand.RunAsync(
            environment,
            parse.GetRequiredValue(file),
            parse.GetValue(storage),
            trials: null,
            parse.GetValue(variables) ?? [],
            join: true)));
        return command;
    }
}

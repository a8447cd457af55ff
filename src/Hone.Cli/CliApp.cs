using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Hone.Cli.Commands;

namespace Hone.Cli;

/// <summary>The <c>hone</c> command: builds the command tree, parses the arguments and runs the chosen command.</summary>
internal static class CliApp
{
    /// <summary>The name of the tool, as users type it.</summary>
    public const string Name = "hone";

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="environment">The streams and environment to use.</param>
    /// <returns>The exit code: 0 on success, 1 when the command failed, 2 for a usage error.</returns>
    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var parse = CreateRootCommand(environment).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                CommandRunner.WriteError(environment, error.Message);
            }

            environment.Error.Write($"Run '{CommandPath(parse.CommandResult)} --help' for usage.\n");
            return ExitCodes.Usage;
        }

        // No termination timeout: `hone run` handles Ctrl-C itself and needs longer than any fixed limit to end its trials.
        return parse.Invoke(new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = null });
    }

    /// <summary>Builds the command tree.</summary>
    /// <param name="environment">The streams and environment the commands use.</param>
    /// <returns>The root command.</returns>
    /// <remarks>
    /// The root is a plain <see cref="Command"/> named <c>hone</c>, not a <see cref="RootCommand"/>, because a root command
    /// takes its name from the entry assembly (<c>Hone.Cli</c>; it cannot be <c>hone</c>, which would clash with the
    /// library's <c>Hone</c> assembly) and help would show that name. The cost is the <c>[suggest]</c> and
    /// <c>[diagram]</c> directives, which the tool does not use.
    /// </remarks>
    internal static Command CreateRootCommand(CliEnvironment environment) => new(
        Name,
        "Tune any program from a study file, and inspect, export and delete the studies of Hone, hyperparameter optimization for .NET. "
        + "Prints tables on a terminal, and tab-separated text with one header line when the output is piped or redirected.")
    {
        new HelpOption(),
        new VersionOption(),
        StudiesCommand.Create(environment),
        TrialsCommand.Create(environment),
        BestCommand.Create(environment),
        ExportCommand.Create(environment),
        DeleteCommand.Create(environment),
        RunCommand.Create(environment),
        WorkerCommand.Create(environment),
        LogsCommand.Create(environment),
    };

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            names.Add(command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}

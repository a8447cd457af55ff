using Hone.Cli;

namespace Hone.Tests.Cli;

/// <summary>Runs the <c>hone</c> command in-process and captures what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs with redirected (plain) output, no terminal input and no environment variables.</summary>
    public static CliRun Plain(params string[] args) => Run(args);

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="terminal">Whether standard output is a terminal (rich tables, no colours, 120 columns).</param>
    /// <param name="input">What the user types, when standard input is a terminal; <see langword="null"/> for no terminal.</param>
    /// <param name="variables">Environment variables.</param>
    /// <param name="interrupt">Stands for Ctrl-C.</param>
    public static CliRun Run(
        IReadOnlyList<string> args,
        bool terminal = false,
        string? input = null,
        IReadOnlyDictionary<string, string>? variables = null,
        CancellationToken interrupt = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input ?? string.Empty);
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = reader,
            OutputIsTerminal = terminal,
            InputIsTerminal = input is not null,
            Width = 120,
            Interrupt = interrupt,
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        };
        var code = CliApp.Run(args, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

namespace Hone.Cli;

/// <summary>What a run of the <c>hone</c> command reads and writes: streams, whether they are terminals, and environment variables.</summary>
/// <remarks>Tests build one around string writers so that the whole command runs in-process.</remarks>
internal sealed class CliEnvironment
{
    /// <summary>Where results go.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where errors, prompts and notices go.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Where answers to prompts come from.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Whether <see cref="Out"/> is a terminal: rich tables then, tab-separated text otherwise.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Whether <see cref="In"/> is a terminal, so that the user can answer a prompt.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Whether rich output may use colours and styles; detected from the terminal when set.</summary>
    public bool Ansi { get; init; }

    /// <summary>The width of rich output in columns, or <see langword="null"/> to ask the terminal.</summary>
    public int? Width { get; init; }

    /// <summary>Cancelled when the user asks a long command (<c>hone run</c>) to stop; tests cancel it themselves.</summary>
    public CancellationToken Interrupt { get; init; }

    /// <summary>Whether <c>hone run</c> traps Ctrl-C and SIGTERM to stop cleanly (the real console), rather than only watching <see cref="Interrupt"/>.</summary>
    public bool TrapSignals { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; init; } = _ => null;

    /// <summary>The environment of the running process.</summary>
    /// <returns>The process's console streams and environment variables.</returns>
    public static CliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        OutputIsTerminal = !Console.IsOutputRedirected,
        InputIsTerminal = !Console.IsInputRedirected,
        Ansi = true,
        TrapSignals = true,
        GetVariable = Environment.GetEnvironmentVariable,
    };
}

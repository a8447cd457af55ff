using Hone.Storages;
using Hone.Studies;

namespace Hone.Cli;

/// <summary>Runs a command's body and turns expected failures into one <c>error: </c> line and exit code 1.</summary>
/// <remarks>Only failures the user can fix are caught; anything else is a bug and keeps its stack trace.</remarks>
internal static class CommandRunner
{
    /// <summary>Runs the body.</summary>
    /// <param name="environment">Where the error line goes.</param>
    /// <param name="body">The command; returns its exit code.</param>
    /// <returns>The body's exit code, or <see cref="ExitCodes.Failure"/> after an expected failure.</returns>
    public static int Run(CliEnvironment environment, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is CliException or StorageException or StudyNotFoundException or IOException or UnauthorizedAccessException)
        {
            WriteError(environment, e.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Runs an asynchronous body.</summary>
    /// <param name="environment">Where the error line goes.</param>
    /// <param name="body">The command; returns its exit code.</param>
    /// <returns>The body's exit code, or <see cref="ExitCodes.Failure"/> after an expected failure.</returns>
    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is CliException or StorageException or StudyNotFoundException or IOException or UnauthorizedAccessException)
        {
            WriteError(environment, e.Message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Writes <c>error: </c> and the message as one line on standard error.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="message">The message; line breaks become spaces.</param>
    public static void WriteError(CliEnvironment environment, string message) =>
        environment.Error.Write("error: " + message.ReplaceLineEndings(" ").Trim() + "\n");
}

namespace Hone.Cli;

/// <summary>An expected failure of a command: reported as one line on standard error, with exit code 1.</summary>
/// <param name="message">What went wrong and how to fix it.</param>
internal sealed class CliException(string message) : Exception(message)
{
    /// <summary>The message of an argument error without the " (Parameter 'name')" that .NET appends: the user never
    /// named that parameter, and the error must stay one clean line.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The message.</returns>
    public static string Reason(ArgumentException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ParamName is { } name
            ? error.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : error.Message;
    }
}

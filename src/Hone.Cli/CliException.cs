namespace Hone.Cli;

/// <summary>An expected failure of a command: reported as one line on standard error, with exit code 1.</summary>
/// <param name="message">What went wrong and how to fix it.</param>
internal sealed class CliException(string message) : Exception(message);

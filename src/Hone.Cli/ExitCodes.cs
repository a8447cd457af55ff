namespace Hone.Cli;

/// <summary>The exit codes of the <c>hone</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed: unknown study, unreadable storage, refused confirmation and the like.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: an unknown option, a missing argument, a value of the wrong type.</summary>
    public const int Usage = 2;

    /// <summary>The command was interrupted (Ctrl-C or SIGTERM) and stopped cleanly: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}

namespace Hone.Cli.Running;

/// <summary>What happened to a running trial.</summary>
internal enum TrialEventKind
{
    /// <summary>It printed a protocol line.</summary>
    Line,

    /// <summary>Its main process exited.</summary>
    Exited,

    /// <summary>It ran past its timeout.</summary>
    TimedOut,

    /// <summary>Hone is stopping.</summary>
    Interrupted,
}

namespace Hone.Cli.Running;

/// <summary>The kinds of protocol line a trial prints.</summary>
internal enum ProtocolKind
{
    /// <summary><c>hone: report VALUE [step=N]</c>: an intermediate value, which the pruner may act on.</summary>
    Report,

    /// <summary><c>hone: result VALUE...</c> or <c>hone: result NAME=VALUE...</c>: the final objective values.</summary>
    Result,

    /// <summary><c>hone: attr NAME=VALUE...</c>: user attributes to keep with the trial.</summary>
    Attr,
}

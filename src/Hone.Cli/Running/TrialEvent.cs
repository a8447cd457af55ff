namespace Hone.Cli.Running;

/// <summary>One event of a running trial.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Text">The protocol line.</param>
/// <param name="Source">Where the line came from: stdout, stderr or the report file.</param>
/// <param name="Number">The line's number in its source.</param>
/// <param name="Cut">Whether the line was too long and cut.</param>
internal readonly record struct TrialEvent(TrialEventKind Kind, string? Text, string? Source, long Number, bool Cut)
{
    /// <summary>A protocol line.</summary>
    public static TrialEvent Line(string text, string source, long number, bool cut) => new(TrialEventKind.Line, text, source, number, cut);

    /// <summary>An event without a line.</summary>
    public static TrialEvent Of(TrialEventKind kind) => new(kind, null, null, 0, false);
}

namespace Hone.Pbt;

/// <summary>
/// Turns a member's checkpoint into text kept with its trial in the study's storage, and back, so that a
/// population-based training run interrupted by a crash resumes from every member's latest checkpoint.
/// </summary>
/// <typeparam name="TCheckpoint">What a checkpoint is.</typeparam>
/// <remarks>
/// The text is stored once per interval and member, so keep it short: the usual checkpoint is a file the member's
/// <see cref="IPbtMember{TCheckpoint}.SaveAsync"/> wrote, and its text is the path
/// (<c>new PbtCheckpointFormat&lt;string&gt;(path =&gt; path, text =&gt; text)</c>). Each save must then write a new
/// file (the step in its name, say): a run restores checkpoints older than a member's latest one.
/// </remarks>
/// <param name="write">Turns a checkpoint into text.</param>
/// <param name="read">Turns text back into the checkpoint <paramref name="write"/> was given.</param>
public sealed class PbtCheckpointFormat<TCheckpoint>(Func<TCheckpoint, string> write, Func<string, TCheckpoint> read)
{
    /// <summary>Turns a checkpoint into the text stored with its trial.</summary>
    public Func<TCheckpoint, string> Write { get; } = write ?? throw new ArgumentNullException(nameof(write));

    /// <summary>Turns stored text back into a checkpoint.</summary>
    public Func<string, TCheckpoint> Read { get; } = read ?? throw new ArgumentNullException(nameof(read));
}

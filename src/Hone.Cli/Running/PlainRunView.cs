using Hone.Trials;

namespace Hone.Cli.Running;

/// <summary>Progress as plain lines, one per ended trial, for logs and pipes.</summary>
/// <param name="writer">Where the lines go (standard error).</param>
/// <param name="progress">The run's counters.</param>
/// <param name="objectives">The objectives.</param>
internal sealed class PlainRunView(TextWriter writer, RunProgress progress, IReadOnlyList<Objective> objectives) : IRunView
{
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public void Notice(string message)
    {
        lock (_gate)
        {
            writer.Write(message + "\n");
            writer.Flush();
        }
    }

    /// <inheritdoc/>
    public void TrialEnded(FrozenTrial stored, TrialOutcome outcome, string? repeat)
    {
        var line = RunText.Ended(stored, outcome, objectives, repeat) + " | " + RunText.Status(progress.Snapshot(), progress.Target, objectives);
        Notice(line);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace Hone.Cli.Running;

/// <summary>
/// Copies one output stream of a trial to its log file as it comes, in bounded memory, and hands protocol lines
/// (<c>hone: ...</c>) to a callback; keeps the last few lines for error messages.
/// </summary>
internal sealed class OutputPump
{
    /// <summary>The longest line kept for the protocol or the tail; longer lines are cut there.</summary>
    public const int MaxLineLength = 16 * 1024;

    private const int TailLineLength = 300;
    private readonly Queue<string> _tail = new();
    private readonly int _tailLines;
    private readonly Lock _gate = new();

    /// <summary>Starts copying.</summary>
    /// <param name="source">The stream, read until its end.</param>
    /// <param name="logPath">The log file, created or truncated.</param>
    /// <param name="onProtocolLine">Called for each line that starts with <c>hone:</c>, with its line number and whether it was cut.</param>
    /// <param name="tailLines">How many last lines to keep.</param>
    public OutputPump(Stream source, string logPath, Action<string, long, bool> onProtocolLine, int tailLines)
    {
        _tailLines = tailLines;
        LineSplitter? splitter = null;
        splitter = new LineSplitter(
            MaxLineLength,
            (line, cut) =>
            {
                if (TrialProtocol.IsProtocolLine(line))
                {
                    onProtocolLine(line, splitter!.Lines, cut);
                }

                if (_tailLines > 0)
                {
                    Remember(line, cut);
                }
            },
            line => _tailLines > 0 || TrialProtocol.IsProtocolLine(line));
        Completion = Task.Run(() => CopyAsync(source, logPath, splitter));
    }

    /// <summary>Ends when the stream has ended and everything is in the log.</summary>
    public Task Completion { get; }

    /// <summary>How many bytes went by.</summary>
    public long Bytes { get; private set; }

    /// <summary>The last lines, oldest first.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    private void Remember(string line, bool cut)
    {
        if (line.Length > TailLineLength || cut)
        {
            line = line[..Math.Min(line.Length, TailLineLength)] + "...";
        }

        lock (_gate)
        {
            _tail.Enqueue(line);
            while (_tail.Count > _tailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private async Task CopyAsync(Stream source, string logPath, LineSplitter splitter)
    {
        var buffer = new byte[64 * 1024];

        // Unbuffered: each chunk read is one write, so the log is current for `hone logs` while the trial runs.
        await using var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await log.WriteAsync(buffer.AsMemory(0, read));
                Bytes += read;
                splitter.Feed(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream was closed under us because a descendant kept it open after the trial ended: keep what was read.
        }

        splitter.Finish();
    }
}

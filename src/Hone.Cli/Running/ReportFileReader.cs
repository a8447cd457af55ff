namespace Hone.Cli.Running;

/// <summary>Follows the report file a trial may append protocol lines to (<c>HONE_REPORT_FILE</c>), reading only what is new.</summary>
/// <param name="path">The file; it may not exist yet.</param>
/// <param name="onProtocolLine">Called for each protocol line, with its line number and whether it was cut.</param>
internal sealed class ReportFileReader(string path, Action<string, long, bool> onProtocolLine)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private LineSplitter? _splitter;
    private long _offset;

    /// <summary>Reads what was appended since the last call.</summary>
    /// <param name="final">Whether the trial has ended, so that a last line without a line break counts too.</param>
    public void ReadToEnd(bool final)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            stream.Position = _offset;
            _splitter ??= new LineSplitter(
                OutputPump.MaxLineLength,
                (line, cut) => onProtocolLine(line, _splitter!.Lines, cut),
                line => TrialProtocol.IsProtocolLine(line));
            int read;
            while ((read = stream.Read(_buffer)) > 0)
            {
                _offset += read;
                _splitter.Feed(_buffer.AsSpan(0, read));
            }
        }
        catch (FileNotFoundException)
        {
            // The trial has written no report yet, or reports on standard output only.
        }

        if (final)
        {
            _splitter?.Finish();
        }
    }
}

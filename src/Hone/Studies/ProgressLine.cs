using System.Diagnostics;
using System.Globalization;

namespace Hone.Studies;

/// <summary>A one-line progress display on standard error: trials done, best value, elapsed time and ETA.</summary>
/// <remarks>Redrawn at most ten times a second, so that it costs nothing measurable on fast objectives.</remarks>
internal sealed class ProgressLine
{
    private static readonly long Interval = Stopwatch.Frequency / 10;
    private readonly Lock _lock = new();
    private readonly TextWriter _writer;
    private readonly int? _total;
    private readonly TimeSpan? _timeout;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = long.MinValue;
    private int _width;

    public ProgressLine(TextWriter writer, int? total, TimeSpan? timeout)
    {
        _writer = writer;
        _total = total;
        _timeout = timeout;
    }

    public static ProgressLine? For(OptimizeOptions options) =>
        options.ShowProgress ?? !Console.IsErrorRedirected
            ? new ProgressLine(Console.Error, options.Trials, options.Timeout)
            : null;

    public void Update(int done, int failed, double? best, bool force = false)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            if (!force && now - _lastDraw < Interval)
            {
                return;
            }

            _lastDraw = now;
            var elapsed = _clock.Elapsed;
            var text = Render(done, failed, best, elapsed);
            _writer.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }
    }

    public void Finish(int done, int failed, double? best)
    {
        Update(done, failed, best, force: true);
        _writer.WriteLine();
    }

    internal string Render(int done, int failed, double? best, TimeSpan elapsed)
    {
        var progress = _total is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{done}/{total} trials")
            : string.Create(CultureInfo.InvariantCulture, $"{done} trials");
        var bestText = best is { } b ? b.ToString("G6", CultureInfo.InvariantCulture) : "-";
        var eta = Eta(done, elapsed);
        var etaText = eta is { } e ? " | ETA " + Format(e) : string.Empty;
        var failedText = failed > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({failed} failed)") : string.Empty;
        return $"{progress}{failedText} | best {bestText} | {Format(elapsed)}{etaText}";
    }

    private TimeSpan? Eta(int done, TimeSpan elapsed)
    {
        TimeSpan? byTrials = _total is { } total && done > 0 ? elapsed / done * (total - done) : null;
        TimeSpan? byTime = _timeout is { } timeout ? (timeout > elapsed ? timeout - elapsed : TimeSpan.Zero) : null;
        return (byTrials, byTime) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1
            ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Hone.Trials;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hone.Cli.Running;

/// <summary>Progress on a terminal: a live panel with the run's counters and the running trials, redrawn four times a second;
/// ended trials scroll above it.</summary>
internal sealed class LiveRunView : IRunView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private readonly RunProgress _progress;
    private readonly IReadOnlyList<Objective> _objectives;
    private readonly string _title;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly CancellationTokenSource _done = new();
    private readonly Task _display;

    /// <summary>Starts the display.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="progress">The run's counters.</param>
    /// <param name="objectives">The objectives.</param>
    /// <param name="title">The study name.</param>
    public LiveRunView(IAnsiConsole console, RunProgress progress, IReadOnlyList<Objective> objectives, string title)
    {
        _progress = progress;
        _objectives = objectives;
        _title = title;
        _display = console.Live(Build()).AutoClear(false).StartAsync(async context =>
        {
            while (!_done.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(Refresh, _done.Token);
                }
                catch (OperationCanceledException)
                {
                    // The run ended: draw once more below.
                }

                context.UpdateTarget(Build());
                context.Refresh();
            }
        });
    }

    /// <inheritdoc/>
    public void Notice(string message)
    {
        lock (_gate)
        {
            _lines.Add(message);
        }
    }

    /// <inheritdoc/>
    public void TrialEnded(FrozenTrial stored, TrialOutcome outcome, string? repeat) => Notice(RunText.Ended(stored, outcome, _objectives, repeat));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _display;
        _done.Dispose();
    }

    private IRenderable Build()
    {
        var snapshot = _progress.Snapshot();
        var running = new Table().Border(TableBorder.Rounded).Expand();
        running.AddColumn(new TableColumn("#").RightAligned());
        running.AddColumn("Running for");
        running.AddColumn("Last report");
        running.AddColumn("Slots");
        running.AddColumn("Parameters");
        foreach (var trial in _progress.Running())
        {
            running.AddRow(
                trial.Number.ToString(CultureInfo.InvariantCulture),
                RunText.Duration(trial.Clock.Elapsed),
                trial.LastValues is { } v ? string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", v.Select(RunText.Number))} (step {trial.LastStep})") : string.Empty,
                Markup.Escape(trial.Slots ?? string.Empty),
                Markup.Escape(RunText.Params(trial.Params)));
        }

        string[] recent;
        lock (_gate)
        {
            recent = [.. _lines.TakeLast(8)];
        }

        return new Rows(
            new Text(string.Join('\n', recent)),
            new Markup($"[bold]{Markup.Escape(_title)}[/]: {Markup.Escape(RunText.Status(snapshot, _progress.Target, _objectives))}"),
            running);
    }
}

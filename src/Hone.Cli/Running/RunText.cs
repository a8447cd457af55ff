using System.Globalization;
using Hone.Trials;

namespace Hone.Cli.Running;

/// <summary>The words and numbers the run views share.</summary>
internal static class RunText
{
    /// <summary>A number as a person reads it: six significant digits.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A duration: <c>0.42s</c>, <c>2m05s</c>, <c>1h02m</c>.</summary>
    /// <param name="span">The duration.</param>
    /// <returns>The text.</returns>
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 1 ? span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + "s"
        : span.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m");

    /// <summary>The values of a complete trial, named by the objectives when they have names.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="objectives">The objectives.</param>
    /// <returns>The text.</returns>
    public static string Values(FrozenTrial trial, IReadOnlyList<Objective> objectives) =>
        trial.Values is not { } values ? string.Empty
        : string.Join(' ', values.Select((v, i) => objectives[i].Name is { } name ? $"{name}={Number(v)}" : Number(v)));

    /// <summary>The parameters, as <c>name=value</c> words.</summary>
    /// <param name="values">The parameters.</param>
    /// <returns>The text.</returns>
    public static string Params(IReadOnlyDictionary<string, object?> values) =>
        string.Join(' ', values.Select(p => $"{p.Key}={(p.Value is double d ? Number(d) : CommandTemplate.Format(p.Value))}"));

    /// <summary>One line about the run as a whole.</summary>
    /// <param name="snapshot">The counters.</param>
    /// <param name="target">The target number of trials of this run.</param>
    /// <param name="objectives">The objectives.</param>
    /// <returns>The text.</returns>
    public static string Status(RunSnapshot snapshot, int? target, IReadOnlyList<Objective> objectives)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var done = target is { } t ? string.Create(CultureInfo.InvariantCulture, $"{snapshot.Done}/{t}") : snapshot.Done.ToString(CultureInfo.InvariantCulture);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"done {done} ({snapshot.Complete} complete, {snapshot.Pruned} pruned, {snapshot.Failed} failed), {snapshot.Running} running");
        if (snapshot.Best is { } best)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", best {Values(best, objectives)} (trial {best.Number})");
        }

        line += ", elapsed " + Duration(snapshot.Elapsed);
        return snapshot.Eta is { } eta ? line + ", ETA " + Duration(eta) : line;
    }

    /// <summary>What happened to a trial, in a few words.</summary>
    /// <param name="stored">The stored trial.</param>
    /// <param name="outcome">How its process ended.</param>
    /// <param name="objectives">The objectives.</param>
    /// <param name="repeat">Why it runs again, or <see langword="null"/>.</param>
    /// <returns>The text.</returns>
    public static string Ended(FrozenTrial stored, TrialOutcome outcome, IReadOnlyList<Objective> objectives, string? repeat)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(outcome);
        var what = outcome.End switch
        {
            TrialEnd.Complete => "complete: " + Values(stored, objectives),
            TrialEnd.Pruned => string.Create(CultureInfo.InvariantCulture, $"pruned at step {outcome.PrunedStep}"),
            TrialEnd.Interrupted => "interrupted",
            _ => "failed: " + FirstLine(outcome.Reason ?? stored.State.ToString()),
        };
        var line = string.Create(CultureInfo.InvariantCulture, $"trial {stored.Number} {what} in {Duration(outcome.Duration)}");
        return repeat is null ? line : $"{line} (runs again: {repeat})";
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end] + " ...";
    }
}

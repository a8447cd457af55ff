using System.Diagnostics;

namespace Hone.Cli.Running;

/// <summary>A trial while it runs, as the progress view shows it.</summary>
/// <param name="Number">The trial number.</param>
/// <param name="Params">The parameters.</param>
/// <param name="Slots">The slots it holds, or <see langword="null"/>.</param>
/// <param name="Clock">Runs since it started.</param>
internal sealed record RunningTrial(int Number, IReadOnlyDictionary<string, object?> Params, string? Slots, Stopwatch Clock)
{
    /// <summary>The step of its latest report.</summary>
    public int? LastStep { get; init; }

    /// <summary>The values of its latest report, one per objective.</summary>
    public IReadOnlyList<double>? LastValues { get; init; }
}

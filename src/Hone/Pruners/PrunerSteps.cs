using System.Globalization;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>What the pruners read from a trial's intermediate values, and the checks their options share.</summary>
/// <remarks>Steps may be reported in any order; the last step is the largest one reported, not the latest call.</remarks>
internal static class PrunerSteps
{
    /// <summary>The largest step reported, or <see langword="null"/> before any report.</summary>
    public static int? LastStep(FrozenTrial trial) => StepSummary.Of(trial.IntermediateValues).Last;

    /// <summary>
    /// Whether <paramref name="step"/> is the first step reported in its pruning interval: the interval starts at
    /// <c>warmup + k * interval</c>, and the step qualifies when no other reported step lies between that start and it,
    /// so that a trial is judged once per interval even when it skips steps.
    /// </summary>
    public static bool IsFirstInInterval(FrozenTrial trial, int step, int warmupSteps, int intervalSteps) =>
        IsFirstInInterval(StepSummary.Of(trial.IntermediateValues), step, warmupSteps, intervalSteps);

    /// <summary>Whether <paramref name="step"/>, the last step of <paramref name="steps"/>, is the first reported in its
    /// pruning interval (see <see cref="IsFirstInInterval(FrozenTrial, int, int, int)"/>).</summary>
    public static bool IsFirstInInterval(StepSummary steps, int step, int warmupSteps, int intervalSteps)
    {
        var intervalStart = ((step - warmupSteps) / intervalSteps * intervalSteps) + warmupSteps;
        var previous = steps.Last == step ? steps.Previous : steps.Last;
        return (previous ?? -1) < intervalStart;
    }

    /// <summary>Reads a number kept in a system attribute, as it comes back from any storage.</summary>
    public static double? ReadNumber(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetDouble(),
        _ => null,
    };

    /// <summary>Fails unless <paramref name="value"/> is at least <paramref name="min"/>.</summary>
    public static void AtLeast(string option, int value, int min, string fix)
    {
        if (value < min)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} must be >= {min}, but got {value}. {fix}"));
        }
    }
}

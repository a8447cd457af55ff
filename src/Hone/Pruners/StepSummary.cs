using Hone.Studies;

namespace Hone.Pruners;

/// <summary>What the pruners read of a trial's intermediate values, gathered in one pass: the last (largest) step, the
/// largest step before it, and the smallest and largest values that are not NaN.</summary>
internal struct StepSummary
{
    /// <summary>The largest step reported, or <see langword="null"/> before any report.</summary>
    public int? Last { get; private set; }

    /// <summary>The value at <see cref="Last"/>; NaN before any report.</summary>
    public double LastValue { get; private set; }

    /// <summary>The largest step below <see cref="Last"/>, or <see langword="null"/> when there is none.</summary>
    public int? Previous { get; private set; }

    /// <summary>The smallest value that is not NaN; NaN when there is none.</summary>
    public double Min { get; private set; }

    /// <summary>The largest value that is not NaN; NaN when there is none.</summary>
    public double Max { get; private set; }

    /// <summary>The best value in a direction, NaN ignored; NaN when every value is NaN.</summary>
    public readonly double Best(StudyDirection direction) => direction == StudyDirection.Minimize ? Min : Max;

    /// <summary>The summary of no values.</summary>
    public static StepSummary Empty => new() { LastValue = double.NaN, Min = double.NaN, Max = double.NaN };

    /// <summary>Reads a trial's intermediate values.</summary>
    public static StepSummary Of(IReadOnlyDictionary<int, double> values)
    {
        if (values is StepDictionary known)
        {
            return known.Summary;
        }

        var summary = Empty;
        if (values is Dictionary<int, double> dictionary)
        {
            // Through its struct enumerator: the pruners read the steps at every report, and the interface's boxed
            // enumerator costs several times as much a step.
            foreach (var (step, value) in dictionary)
            {
                summary.Add(step, value);
            }
        }
        else
        {
            foreach (var (step, value) in values)
            {
                summary.Add(step, value);
            }
        }

        return summary;
    }

    /// <summary>Adds a step not in the summary yet (a step reported again needs <see cref="Of"/> afresh).</summary>
    public void Add(int step, double value)
    {
        if (Last is not { } last || step > last)
        {
            Previous = Last;
            Last = step;
            LastValue = value;
        }
        else if (Previous is not { } previous || step > previous)
        {
            Previous = step;
        }

        if (!double.IsNaN(value))
        {
            Min = double.IsNaN(Min) || value < Min ? value : Min;
            Max = double.IsNaN(Max) || value > Max ? value : Max;
        }
    }
}

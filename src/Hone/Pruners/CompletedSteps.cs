using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// The intermediate values of a study's complete trials, sorted step by step and kept up to date incrementally
/// (<see cref="CompletedTrials"/>), so that a pruning decision costs a look-up rather than a pass over every trial and
/// step.
/// </summary>
/// <remarks>Thread-safe. NaN values are left out: they count neither as values nor as reports.</remarks>
internal sealed class CompletedSteps : CompletedTrials
{
    private readonly Dictionary<int, List<double>> _byStep = [];

    /// <summary>The q-th percentile of the values at a step (linear interpolation between the nearest ranks); NaN when
    /// fewer than <paramref name="minTrials"/> trials reported a number at that step.</summary>
    /// <param name="step">The step.</param>
    /// <param name="q">The percentile, in [0, 100].</param>
    /// <param name="minTrials">The fewest values that make a percentile, at least 1.</param>
    /// <returns>The percentile, or NaN.</returns>
    public double Percentile(int step, double q, int minTrials)
    {
        lock (Gate)
        {
            if (!_byStep.TryGetValue(step, out var values) || values.Count < Math.Max(minTrials, 1))
            {
                return double.NaN;
            }

            var position = q / 100 * (values.Count - 1);
            var below = (int)Math.Floor(position);
            var fraction = position - below;
            if (fraction == 0)
            {
                // Exactly on a rank: no interpolation, which would turn two infinite neighbours into NaN.
                return values[below];
            }

            var above = Math.Min(below + 1, values.Count - 1);
            return values[below] + ((values[above] - values[below]) * fraction);
        }
    }

    /// <inheritdoc/>
    protected override void Clear() => _byStep.Clear();

    /// <inheritdoc/>
    protected override void Add(FrozenTrial trial, Study study)
    {
        foreach (var (step, value) in trial.IntermediateValues)
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            if (!_byStep.TryGetValue(step, out var values))
            {
                values = [];
                _byStep[step] = values;
            }

            var index = values.BinarySearch(value);
            values.Insert(index < 0 ? ~index : index, value);
        }
    }
}

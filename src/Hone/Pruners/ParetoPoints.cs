using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>What the multi-objective pruners read from a trial: its intermediate vector at a step, as a point to
/// minimize in every objective.</summary>
internal static class ParetoPoints
{
    /// <summary>The trial's values at a step, negated where the objective is maximized; <see langword="null"/> when the
    /// step holds no vector of one value per objective (in a single-objective study, its one value).</summary>
    public static double[]? At(FrozenTrial trial, int step, IReadOnlyList<StudyDirection> directions)
    {
        if (directions.Count == 1)
        {
            return trial.IntermediateValues.TryGetValue(step, out var value) ? Minimize([value], directions) : null;
        }

        return trial.IntermediateVectors.TryGetValue(step, out var vector) && vector.Count == directions.Count
            ? Minimize(vector, directions)
            : null;
    }

    /// <summary>The values negated where the objective is maximized, so that lower is better in every objective.</summary>
    public static double[] Minimize(IReadOnlyList<double> values, IReadOnlyList<StudyDirection> directions)
    {
        var point = new double[values.Count];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = directions[i] == StudyDirection.Minimize ? values[i] : -values[i];
        }

        return point;
    }

    /// <summary>Whether any value is NaN: such a point cannot be ranked.</summary>
    public static bool HasNaN(IReadOnlyList<double> point)
    {
        for (var i = 0; i < point.Count; i++)
        {
            if (double.IsNaN(point[i]))
            {
                return true;
            }
        }

        return false;
    }
}

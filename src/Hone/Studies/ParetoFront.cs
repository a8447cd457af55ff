using System.Globalization;
using Hone.Numerics;
using Hone.Trials;

namespace Hone.Studies;

/// <summary>
/// Measures of the trials of a study with several objectives: the hypervolume of their Pareto front, and the reference
/// point it is measured from when none is given. <see cref="Study.Hypervolume"/> applies them to a study's feasible trials;
/// these work on any trials, from one study or several.
/// </summary>
/// <remarks>
/// <para>The hypervolume of a set of trials is the size of the region of objective space that their values dominate,
/// bounded by a reference point that is worse than them in every objective: the area between the front and the
/// reference point for two objectives, a volume for three. It grows whenever the front improves, so it measures the
/// progress of a multi-objective study in one number. It is exact for any number of objectives: O(n log n) for n trials
/// of two or three objectives, exponential in the number of objectives beyond, which suits moderate sizes.</para>
/// <para>Values and reference points are in the objectives' own units and directions: a maximized objective's
/// reference is below the values that count. Only complete trials count; constraints are not consulted, so pass the
/// feasible trials (<see cref="FrozenTrial.IsFeasible"/>) of a constrained study.</para>
/// </remarks>
public static class ParetoFront
{
    /// <summary>How far the default reference point lies beyond the front's worst value, as a share of the front's range.</summary>
    private const double Margin = 0.1;

    /// <summary>The hypervolume of the complete trials' values.</summary>
    /// <param name="trials">The trials; those that are not complete are skipped, and dominated ones add nothing.</param>
    /// <param name="directions">The direction of each objective, as the trials' study has them.</param>
    /// <param name="reference">One value per objective, in the objectives' own units and directions. A trial counts only
    /// when it is strictly better than the reference in every objective: a reference that does not bound the whole front
    /// leaves the trials outside it out, and gives 0 when it bounds none. Default: <see cref="DefaultReference"/>, which
    /// moves with the front; give a fixed one to compare a study over time, or several studies.</param>
    /// <returns>The hypervolume; 0 when no trial is complete.</returns>
    /// <exception cref="ArgumentException">No direction is given, a trial has another number of values than there are
    /// directions, or the reference has another number of values or one that is not a finite number.</exception>
    public static double Hypervolume(IEnumerable<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions, IReadOnlyList<double>? reference = null)
    {
        var points = Minimized(trials, directions);
        double[] bound;
        if (reference is not null)
        {
            CheckReference(reference, directions.Count);
            bound = ToMinimized(reference, directions);
        }
        else if (points.Count == 0)
        {
            return 0;
        }
        else
        {
            bound = DefaultMinimizedReference(points);
        }

        return Numerics.Hypervolume.Compute(points, bound);
    }

    /// <summary>The reference point the hypervolume uses when none is given: the front's worst value in each objective,
    /// made worse by a tenth of the front's range in that objective.</summary>
    /// <param name="trials">The trials; those that are not complete are skipped.</param>
    /// <param name="directions">The direction of each objective.</param>
    /// <returns>One value per objective, in the objectives' own units and directions.</returns>
    /// <remarks>
    /// The worst value is taken over the Pareto front only, so dominated trials do not move it. Where the front has
    /// no range in an objective (a front of one trial), the margin is a tenth of the value's magnitude, or 1 when the
    /// value is 0. Every trial of the front is then strictly better than the reference, so each counts, the extreme
    /// ones included; this is the choice of pymoo and BoTorch. Because it follows the front, two hypervolumes with
    /// default references are not comparable: fix the reference to track a study or to compare studies.
    /// </remarks>
    /// <exception cref="ArgumentException">No trial is complete, no direction is given, or a trial has another number of
    /// values than there are directions.</exception>
    public static IReadOnlyList<double> DefaultReference(IEnumerable<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        var points = Minimized(trials, directions);
        if (points.Count == 0)
        {
            throw new ArgumentException("A default reference point needs at least one complete trial to take the front's worst values from, but none was given.", nameof(trials));
        }

        var nadir = DefaultMinimizedReference(points);
        for (var k = 0; k < nadir.Length; k++)
        {
            nadir[k] = directions[k] == StudyDirection.Minimize ? nadir[k] : -nadir[k];
        }

        return nadir;
    }

    /// <summary>The minimized values of the complete trials: maximized objectives negated.</summary>
    private static List<double[]> Minimized(IEnumerable<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0)
        {
            throw new ArgumentException("The hypervolume needs the direction of each objective, but none was given.", nameof(directions));
        }

        var points = new List<double[]>();
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete || trial.Values is not { } values)
            {
                continue;
            }

            if (values.Count != directions.Count)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Trial {trial.Number} has {values.Count} value(s), but {directions.Count} direction(s) were given. Pass the directions of the trials' study."),
                    nameof(trials));
            }

            points.Add(ToMinimized(values, directions));
        }

        return points;
    }

    /// <summary>The default reference of minimized points, minimized: the front's worst values plus the margin.</summary>
    private static double[] DefaultMinimizedReference(List<double[]> points)
    {
        var d = points[0].Length;
        var worst = new double[d];
        var best = new double[d];
        Array.Fill(worst, double.NegativeInfinity);
        Array.Fill(best, double.PositiveInfinity);
        foreach (var i in Pareto.NonDominated(points))
        {
            for (var k = 0; k < d; k++)
            {
                worst[k] = Math.Max(worst[k], points[i][k]);
                best[k] = Math.Min(best[k], points[i][k]);
            }
        }

        for (var k = 0; k < d; k++)
        {
            var range = worst[k] - best[k];
            var margin = range > 0 ? Margin * range : worst[k] != 0 ? Margin * Math.Abs(worst[k]) : 1;

            // At least one step beyond the worst value, so that the worst trial stays strictly inside.
            worst[k] = Math.Max(worst[k] + margin, Math.BitIncrement(worst[k]));
        }

        return worst;
    }

    private static void CheckReference(IReadOnlyList<double> reference, int objectives)
    {
        if (reference.Count != objectives)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The reference point has {reference.Count} value(s), but there are {objectives} objective(s). Give one value per objective, in the objectives' own units and directions."),
                nameof(reference));
        }

        if (!reference.All(double.IsFinite))
        {
            throw new ArgumentException(
                $"The reference point must be finite numbers, but got [{string.Join(", ", reference.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]. Give a value worse than the front in each objective.",
                nameof(reference));
        }
    }

    private static double[] ToMinimized(IReadOnlyList<double> values, IReadOnlyList<StudyDirection> directions)
    {
        var result = new double[values.Count];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = directions[k] == StudyDirection.Minimize ? values[k] : -values[k];
        }

        return result;
    }
}

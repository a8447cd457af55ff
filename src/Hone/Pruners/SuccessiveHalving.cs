using System.Globalization;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys
/// 2020): the decision shared by <see cref="SuccessiveHalvingPruner"/> and each bracket of <see cref="HyperbandPruner"/>.
/// </summary>
/// <remarks>
/// Rung k lies at step <c>r * η^(s + k)</c>. A trial that reaches a rung records its value there in the system
/// attribute <c>asha:rung_k</c>, then goes on only if that value is among the best 1/η of the values recorded at the
/// rung so far (the best one while fewer than η trials have reached it): no trial waits for others.
/// </remarks>
internal static class SuccessiveHalving
{
    /// <summary>The prefix of the system attributes that hold a trial's value at each rung it reached.</summary>
    public const string RungKeyPrefix = "asha:rung_";

    private static readonly string[] RungKeys = [.. Enumerable.Range(0, 64).Select(k => RungKeyPrefix + k.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The system attribute of rung <paramref name="rung"/>.</summary>
    public static string RungKey(int rung) => rung < RungKeys.Length ? RungKeys[rung] : RungKeyPrefix + rung.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether to stop the trial at its last step.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="minResource">r: the steps before the first judgement.</param>
    /// <param name="reductionFactor">η.</param>
    /// <param name="minEarlyStoppingRate">s.</param>
    /// <param name="bootstrapCount">How many trials must reach a rung before any is judged there.</param>
    /// <param name="competes">Which other trials share the rungs (one bracket), or <see langword="null"/> for all.</param>
    /// <returns><see langword="true"/> to stop the trial.</returns>
    public static bool Prune(
        Study study,
        FrozenTrial trial,
        int minResource,
        int reductionFactor,
        int minEarlyStoppingRate,
        int bootstrapCount,
        Func<FrozenTrial, bool>? competes)
    {
        if (PrunerSteps.LastStep(trial) is not { } step)
        {
            return false;
        }

        var rung = CurrentRung(trial);
        var value = trial.IntermediateValues[step];
        IReadOnlyList<FrozenTrial>? trials = null;
        var competing = new List<double>();
        while (step >= PromotionStep(minResource, reductionFactor, minEarlyStoppingRate + rung))
        {
            if (double.IsNaN(value))
            {
                return true;
            }

            // Read once per decision: only at a rung's step, a handful of times in a trial's life.
            trials ??= study.GetTrials();
            var key = RungKey(rung);
            study.SetTrialSystemAttr(trial.Id, key, value, now: true);
            competing.Clear();
            foreach (var other in trials)
            {
                if (other.Number != trial.Number
                    && other.SystemAttrs.TryGetValue(key, out var recorded)
                    && PrunerSteps.ReadNumber(recorded) is { } number
                    && (competes is null || competes(other)))
                {
                    competing.Add(number);
                }
            }

            competing.Add(value);
            if (competing.Count <= bootstrapCount || !IsPromotable(value, competing, reductionFactor, study.Direction))
            {
                return true;
            }

            rung++;
        }

        return false;
    }

    /// <summary>The step of a rung, saturating rather than overflowing for rungs no trial reaches.</summary>
    public static long PromotionStep(int minResource, int reductionFactor, int exponent)
    {
        long step = minResource;
        for (var i = 0; i < exponent && step <= int.MaxValue; i++)
        {
            step *= reductionFactor;
        }

        return step;
    }

    /// <summary>The first rung the trial has not recorded a value at.</summary>
    private static int CurrentRung(FrozenTrial trial)
    {
        var rung = 0;
        while (trial.SystemAttrs.ContainsKey(RungKey(rung)))
        {
            rung++;
        }

        return rung;
    }

    /// <summary>Whether the value is among the best 1/η of the rung's values; the best one while fewer than η reached it.</summary>
    private static bool IsPromotable(double value, List<double> competing, int reductionFactor, StudyDirection direction)
    {
        var kept = Math.Max(competing.Count / reductionFactor, 1);
        competing.Sort();
        return direction == StudyDirection.Minimize
            ? value <= competing[kept - 1]
            : value >= competing[^kept];
    }
}

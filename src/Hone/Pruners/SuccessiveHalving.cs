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
    /// <param name="rungs">The finished trials' rung values of the trials that share the rungs (one bracket, or all).</param>
    /// <param name="topLevel">The exponent s + k of the lowest rung that does not exist: trials that pass the rung below
    /// run to the end unjudged; <see cref="int.MaxValue"/> for rungs without end.</param>
    /// <returns><see langword="true"/> to stop the trial.</returns>
    public static bool Prune(
        Study study,
        FrozenTrial trial,
        int minResource,
        int reductionFactor,
        int minEarlyStoppingRate,
        int bootstrapCount,
        RungValues rungs,
        int topLevel = int.MaxValue)
    {
        var steps = StepSummary.Of(trial.IntermediateValues);
        if (steps.Last is not { } step || HasNothingToJudge(trial, step, minResource, reductionFactor, minEarlyStoppingRate, topLevel))
        {
            return false;
        }

        var rung = CurrentRung(trial);
        var value = steps.LastValue;
        List<FrozenTrial>? running = null;
        var direction = study.Direction;
        while (minEarlyStoppingRate + rung < topLevel && step >= PromotionStep(minResource, reductionFactor, minEarlyStoppingRate + rung))
        {
            if (double.IsNaN(value))
            {
                return true;
            }

            // Read once per decision, and only at a rung's step: a handful of times in a trial's life.
            running ??= rungs.Refresh(study);
            var key = RungKey(rung);
            study.SetTrialSystemAttr(trial.Id, key, value, now: true);
            var (count, better) = rungs.Compare(rung, value, direction);
            foreach (var other in running)
            {
                if (other.Number != trial.Number
                    && other.SystemAttrs.TryGetValue(key, out var recorded)
                    && PrunerSteps.ReadNumber(recorded) is { } number
                    && !double.IsNaN(number))
                {
                    count++;
                    better += Study.IsBetter(number, value, direction) ? 1 : 0;
                }
            }

            // The trial itself is one of the values at the rung. It is among the best 1/η (the best one while fewer
            // than η reached the rung) exactly when fewer than that many values beat it.
            count++;
            if (count <= bootstrapCount || better >= Math.Max(count / reductionFactor, 1))
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

    /// <summary>
    /// Whether the trial has nothing to be judged on at <paramref name="step"/>: it lies below the first rung, or the
    /// trial recorded a value at the last rung at or below it. Rungs are recorded in order, so the last one stands for
    /// all: most reports fall between rungs and cost one look-up rather than one per rung passed.
    /// </summary>
    private static bool HasNothingToJudge(FrozenTrial trial, int step, int minResource, int reductionFactor, int minEarlyStoppingRate, int topLevel)
    {
        var reached = -1;
        while (minEarlyStoppingRate + reached + 1 < topLevel && step >= PromotionStep(minResource, reductionFactor, minEarlyStoppingRate + reached + 1))
        {
            reached++;
        }

        return reached < 0 || trial.SystemAttrs.ContainsKey(RungKey(reached));
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
}

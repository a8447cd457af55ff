using System.Runtime.CompilerServices;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al., MLSys 2020) for several objectives: trials are judged at
/// geometrically spaced rungs, and at each rung only the best 1/η of the trials that reached it go on, best meaning a
/// better Pareto front, then, within a front, a larger crowding distance (Deb et al., NSGA-II, IEEE TEVC 2002).
/// </summary>
/// <remarks>
/// <para>Trials report one value per objective with <see cref="Trial.Report(IReadOnlyList{double}, int)"/>. Rung k lies
/// at step <c>MinResource * ReductionFactor^(MinEarlyStoppingRate + k)</c>, as in <see cref="SuccessiveHalvingPruner"/>.
/// A trial reaching a rung records its vector at its last (largest) step in the system attribute
/// <c>pareto_asha:rung_k</c> (written at once, so that parallel workers and other processes see it). The vectors
/// recorded at the rung by every trial, running, pruned or complete, the trial's own included, are sorted into
/// non-dominated fronts in the study's directions, and each front's points ranked by crowding distance, boundary points
/// first. The trial goes on only if fewer than <c>max(n / η, 1)</c> of the n vectors come before its own: a better
/// front, or the same front and more room around them. Equal vectors tie; they never come before one another.</para>
/// <para>A NaN value in the vector at a rung prunes the trial; a trial whose vector does not have one value per
/// objective is never pruned. Constraints are not considered: they are evaluated when a trial ends.</para>
/// <para>With one objective, a front is a set of equal values and the crowding distance tells them apart by nothing,
/// so the decisions are those of <see cref="SuccessiveHalvingPruner"/>.</para>
/// <para>The other trials are read only when a trial reaches a rung, a handful of times in its life; finished trials'
/// rung vectors are read once each. One instance may serve several studies.</para>
/// </remarks>
public sealed class ParetoSuccessiveHalvingPruner : IPruner
{
    /// <summary>The prefix of the system attributes that hold a trial's vector at each rung it reached.</summary>
    public const string RungKeyPrefix = "pareto_asha:rung_";

    private readonly ConditionalWeakTable<Study, MinResourceEstimate> _estimates = [];
    private readonly ConditionalWeakTable<Study, ParetoRungs> _rungs = [];
    private readonly int? _minResource;
    private readonly int _reductionFactor;
    private readonly int _minEarlyStoppingRate;
    private readonly int _bootstrapCount;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: η = 4, the first rung estimated from the first complete trial.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ParetoSuccessiveHalvingPruner(SuccessiveHalvingPrunerOptions? options = null)
    {
        options ??= new SuccessiveHalvingPrunerOptions();
        options.Validate();
        _minResource = options.MinResource;
        _reductionFactor = options.ReductionFactor;
        _minEarlyStoppingRate = options.MinEarlyStoppingRate;
        _bootstrapCount = options.BootstrapCount;
    }

    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (PrunerSteps.LastStep(trial) is not { } step)
        {
            return false;
        }

        var directions = study.Directions;
        var vector = directions.Count == 1
            ? [trial.IntermediateValues[step]]
            : trial.IntermediateVectors.GetValueOrDefault(step);
        if (vector is null || vector.Count != directions.Count
            || (_minResource ?? _estimates.GetValue(study, _ => new MinResourceEstimate()).Get(study)) is not { } minResource)
        {
            return false;
        }

        var rungs = _rungs.GetValue(study, _ => new ParetoRungs());
        var rung = CurrentRung(trial);
        IReadOnlyList<FrozenTrial>? running = null;
        while (step >= SuccessiveHalving.PromotionStep(minResource, _reductionFactor, _minEarlyStoppingRate + rung))
        {
            if (ParetoPoints.HasNaN(vector))
            {
                return true;
            }

            // Read once per decision, and only at a rung's step: a handful of times in a trial's life.
            running ??= rungs.Refresh(study);
            study.SetTrialSystemAttr(trial.Id, ParetoRungs.RungKey(rung), ParetoRungs.ToAttr(vector), now: true);
            var points = rungs.At(rung);
            foreach (var other in running)
            {
                if (other.Number != trial.Number && ParetoRungs.Recorded(other, rung, directions) is { } recorded)
                {
                    points.Add(recorded);
                }
            }

            points.Add(ParetoPoints.Minimize(vector, directions));
            var count = points.Count;
            if (count <= _bootstrapCount || ParetoRanking.CountBetter(points, count - 1) >= Math.Max(count / _reductionFactor, 1))
            {
                return true;
            }

            rung++;
        }

        return false;
    }

    /// <summary>The first rung the trial has not recorded a vector at.</summary>
    private static int CurrentRung(FrozenTrial trial)
    {
        var rung = 0;
        while (trial.SystemAttrs.ContainsKey(ParetoRungs.RungKey(rung)))
        {
            rung++;
        }

        return rung;
    }
}

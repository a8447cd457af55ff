using System.Runtime.CompilerServices;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al., MLSys 2020): trials are judged at geometrically spaced rungs,
/// and at each rung only the best 1/η of the trials that reached it so far go on.
/// </summary>
/// <remarks>
/// <para>Rung k lies at step <c>MinResource * ReductionFactor^(MinEarlyStoppingRate + k)</c>. A trial reaching a rung
/// records its value there in the system attribute <c>asha:rung_k</c> (written at once, so that parallel workers and
/// other processes see it), then goes on only if that value is among the best 1/η of the values recorded at that rung
/// by any trial, running, pruned or complete (the best one while fewer than η trials reached it). The value compared is
/// the one at the trial's last (largest) step; a NaN value there prunes the trial.</para>
/// <para>The other trials are read only when a trial reaches a rung, a handful of times in its life; other steps cost
/// nothing but a look at the trial's own attributes. Finished trials' rung values are read once each and kept sorted,
/// so a rung decision costs a binary search plus a look at the running trials.</para>
/// </remarks>
public sealed class SuccessiveHalvingPruner : ISingleObjectivePruner
{
    private readonly ConditionalWeakTable<Study, MinResourceEstimate> _estimates = [];
    private readonly ConditionalWeakTable<Study, RungValues> _rungs = [];
    private readonly int? _minResource;
    private readonly int _reductionFactor;
    private readonly int _minEarlyStoppingRate;
    private readonly int _bootstrapCount;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: η = 4, the first rung estimated from the first complete trial.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SuccessiveHalvingPruner(SuccessiveHalvingPrunerOptions? options = null)
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
        if (trial.IntermediateValues.Count == 0)
        {
            return false;
        }

        var minResource = _minResource ?? _estimates.GetValue(study, _ => new MinResourceEstimate()).Get(study);
        return minResource is { } r
            && SuccessiveHalving.Prune(study, trial, r, _reductionFactor, _minEarlyStoppingRate, _bootstrapCount, _rungs.GetValue(study, _ => new RungValues(null)));
    }
}

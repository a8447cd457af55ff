using System.Runtime.CompilerServices;
using Hone.Numerics;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// For objectives that average over instances (cross-validation folds, benchmark problems, seeds), each reported as a
/// step: prunes a trial once a paired Wilcoxon signed-rank test says it is worse than the best trial on the instances
/// both have evaluated.
/// </summary>
/// <remarks>
/// <para>Report the value of instance i as step i; the instances may be evaluated in any order, and the same instance
/// (step) must mean the same thing in every trial. The best trial is the study's best complete trial. The test pairs
/// the current trial's values with the best trial's at the steps both reported (Wilcoxon 1945; ties and zero
/// differences handled as <c>WilcoxonSignedRank</c> explains) and prunes when the p-value of "this trial is worse" falls
/// below <see cref="WilcoxonPrunerOptions.PThreshold"/>, unless the trial's mean is already at least as good as the best
/// trial's mean, in which case it is kept for safety.</para>
/// <para>No trial is pruned before a trial completes with intermediate values, before <c>StartupSteps</c> shared
/// steps, or while the trial or the best trial has a NaN or infinite value.</para>
/// </remarks>
public sealed class WilcoxonPruner : ISingleObjectivePruner
{
    private readonly ConditionalWeakTable<Study, BestTrial> _studies = [];
    private readonly double _pThreshold;
    private readonly int _startupSteps;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: p &lt; 0.1 after 2 shared steps.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public WilcoxonPruner(WilcoxonPrunerOptions? options = null)
    {
        options ??= new WilcoxonPrunerOptions();
        options.Validate();
        _pThreshold = options.PThreshold;
        _startupSteps = options.StartupSteps;
    }

    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var values = trial.IntermediateValues;
        if (values.Count == 0 || values.Count < _startupSteps || values.Values.Any(v => !double.IsFinite(v)))
        {
            return false;
        }

        var best = _studies.GetValue(study, _ => new BestTrial()).Get(study);
        if (best is null || best.Number == trial.Number || best.IntermediateValues.Count == 0
            || best.IntermediateValues.Values.Any(v => !double.IsFinite(v)))
        {
            return false;
        }

        var differences = new List<double>(values.Count);
        var sum = 0.0;
        foreach (var (step, value) in values)
        {
            sum += value;
            if (best.IntermediateValues.TryGetValue(step, out var bestValue))
            {
                differences.Add(value - bestValue);
            }
        }

        if (differences.Count < _startupSteps)
        {
            return false;
        }

        var direction = study.Direction;
        var mean = sum / values.Count;
        var bestMean = best.IntermediateValues.Values.Average();

        // Keep a trial whose mean already matches the best trial's, whatever the test says about the shared steps.
        if (!Study.IsBetter(bestMean, mean, direction))
        {
            return false;
        }

        var p = WilcoxonSignedRank.PValue(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(differences), greater: direction == StudyDirection.Minimize);
        return p < _pThreshold;
    }

    /// <summary>The best complete trial of one study, found again only when a trial has completed since.</summary>
    private sealed class BestTrial
    {
        private readonly Lock _gate = new();
        private readonly FinishedTrialCursor _cursor = new();
        private FrozenTrial? _best;

        public FrozenTrial? Get(Study study)
        {
            lock (_gate)
            {
                var finished = _cursor.ReadNew(study, out var restarted);
                if (restarted)
                {
                    _best = null;
                }

                // The best trial changes only when one more completes.
                if (finished.Any(t => t.State == TrialState.Complete))
                {
                    _best = study.BestTrial;
                }

                return _best;
            }
        }
    }
}

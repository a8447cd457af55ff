using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Tolerates a trial that stops improving for a while: it consults the wrapped pruner only once the last
/// <c>Patience + 1</c> steps have failed to beat the best earlier value by more than <c>MinDelta</c>.
/// </summary>
/// <remarks>
/// Steps are taken in increasing order, whatever order they were reported in. NaN values are ignored; a trial whose
/// recent values are all NaN is not held to have stalled. Without a wrapped pruner, a stalled trial is pruned.
/// </remarks>
public sealed class PatientPruner : ISingleObjectivePruner
{
    private readonly IPruner? _wrapped;
    private readonly int _patience;
    private readonly double _minDelta;

    /// <summary>Creates the pruner.</summary>
    /// <param name="wrapped">The pruner to consult once the trial has stalled; <see langword="null"/> to prune it then.</param>
    /// <param name="options">The options; default: a patience of 3 steps, any improvement counting.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PatientPruner(IPruner? wrapped, PatientPrunerOptions? options = null)
    {
        options ??= new PatientPrunerOptions();
        options.Validate();
        _wrapped = wrapped;
        _patience = options.Patience;
        _minDelta = options.MinDelta;
    }

    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var values = trial.IntermediateValues;
        if (values.Count <= _patience + 1)
        {
            return false;
        }

        var steps = values.Keys.Order().ToArray();
        var recentFrom = steps.Length - _patience - 1;
        var direction = study.Direction;
        var before = Best(steps.AsSpan(0, recentFrom), values, direction);
        var recent = Best(steps.AsSpan(recentFrom), values, direction);
        var stalled = direction == StudyDirection.Minimize
            ? before + _minDelta < recent
            : before - _minDelta > recent;
        return stalled && (_wrapped?.Prune(study, trial) ?? true);
    }

    private static double Best(ReadOnlySpan<int> steps, IReadOnlyDictionary<int, double> values, StudyDirection direction)
    {
        var best = double.NaN;
        foreach (var step in steps)
        {
            var value = values[step];
            if (!double.IsNaN(value) && (double.IsNaN(best) || Study.IsBetter(value, best, direction)))
            {
                best = value;
            }
        }

        return best;
    }
}

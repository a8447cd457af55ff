using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.SearchSpaces;

/// <summary>
/// The parameters that every finished trial of a study has, with the same distribution: the space a joint
/// (relative) sampler can model. Parameters outside it are left to an independent sampler.
/// </summary>
/// <remarks>
/// Incremental: each call reads only trials it has not seen before, so the cost per trial stays flat as a study grows.
/// Not thread-safe; a sampler owns one (the study serializes sampler calls). After the idea of Optuna's
/// IntersectionSearchSpace.
/// </remarks>
public sealed class IntersectionSearchSpace
{
    private readonly bool _includePruned;
    private readonly HashSet<long> _seen = [];
    private Dictionary<string, Distribution>? _space;

    /// <summary>Creates the calculator.</summary>
    /// <param name="includePruned">Whether pruned trials count as well as complete ones.</param>
    public IntersectionSearchSpace(bool includePruned = false) => _includePruned = includePruned;

    /// <summary>The intersection over the study's finished trials so far, in sorted name order.</summary>
    /// <param name="study">The study.</param>
    /// <returns>Names and distributions; empty before the first finished trial.</returns>
    public IReadOnlyDictionary<string, Distribution> Calculate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var states = _includePruned ? new[] { TrialState.Complete, TrialState.Pruned } : [TrialState.Complete];
        return Calculate(study.GetTrials(states));
    }

    /// <summary>The intersection over the given finished trials and those seen by earlier calls.</summary>
    /// <param name="trials">Finished trials; ones seen before are skipped.</param>
    /// <returns>Names and distributions, in sorted name order.</returns>
    public IReadOnlyDictionary<string, Distribution> Calculate(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        foreach (var trial in trials)
        {
            if (!_seen.Add(trial.Id))
            {
                continue;
            }

            if (_space is null)
            {
                _space = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
                continue;
            }

            foreach (var name in _space.Keys.ToList())
            {
                if (!trial.Params.TryGet(name, out var distribution, out _) || !distribution.Equals(_space[name]))
                {
                    _space.Remove(name);
                }
            }
        }

        return _space is null
            ? new SortedDictionary<string, Distribution>(StringComparer.Ordinal)
            : new SortedDictionary<string, Distribution>(_space, StringComparer.Ordinal);
    }
}

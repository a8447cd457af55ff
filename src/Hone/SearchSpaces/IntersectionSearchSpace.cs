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

    /// <summary>The study of the first <see cref="Calculate(Study)"/>: until <see cref="_mixed"/> is set, every trial
    /// seen is one of its finished trials.</summary>
    private (object Storage, long Id)? _source;

    /// <summary>Whether trials came from elsewhere too (another study, or a list given directly).</summary>
    private bool _mixed;

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
        var trials = study.GetTrials(states);
        _source ??= (study.Storage, study.Id);
        if (_mixed || !ReferenceEquals(_source.Value.Storage, study.Storage) || _source.Value.Id != study.Id)
        {
            return Calculate(trials);
        }

        // Finished trials stay finished, so every trial seen before is in the list and the unseen ones number the
        // difference. They are the latest to finish, near the end: walking back finds them without hashing every trial.
        var unseen = trials.Count - _seen.Count;
        for (var i = trials.Count - 1; unseen > 0 && i >= 0; i--)
        {
            if (_seen.Add(trials[i].Id))
            {
                Intersect(trials[i]);
                unseen--;
            }
        }

        return Result();
    }

    /// <summary>The intersection over the given finished trials and those seen by earlier calls.</summary>
    /// <param name="trials">Finished trials; ones seen before are skipped.</param>
    /// <returns>Names and distributions, in sorted name order.</returns>
    public IReadOnlyDictionary<string, Distribution> Calculate(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        _mixed = true;
        foreach (var trial in trials)
        {
            if (_seen.Add(trial.Id))
            {
                Intersect(trial);
            }
        }

        return Result();
    }

    private void Intersect(FrozenTrial trial)
    {
        if (_space is null)
        {
            _space = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
            return;
        }

        foreach (var name in _space.Keys.ToList())
        {
            if (!trial.Params.TryGet(name, out var distribution, out _) || !distribution.Equals(_space[name]))
            {
                _space.Remove(name);
            }
        }
    }

    private SortedDictionary<string, Distribution> Result() =>
        _space is null
            ? new SortedDictionary<string, Distribution>(StringComparer.Ordinal)
            : new SortedDictionary<string, Distribution>(_space, StringComparer.Ordinal);
}

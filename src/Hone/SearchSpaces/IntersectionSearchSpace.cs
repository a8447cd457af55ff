using Hone.Distributions;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.SearchSpaces;

/// <summary>
/// The parameters that every finished trial of a study has, with the same distribution: the space a joint
/// (relative) sampler can model. Parameters outside it are left to an independent sampler.
/// </summary>
/// <remarks>
/// Incremental: each call reads only the trials that finished since the previous one
/// (<see cref="IStorage.GetFinishedTrials"/>), so the cost per trial stays flat as a study grows.
/// Not thread-safe; a sampler owns one (the study serializes sampler calls). After the idea of Optuna's
/// IntersectionSearchSpace.
/// </remarks>
public sealed class IntersectionSearchSpace
{
    private readonly bool _includePruned;
    private readonly HashSet<long> _seen = [];

    /// <summary>Per study read (storage instance and study id), how many of its finished trials were read.</summary>
    private readonly Dictionary<(IStorage Storage, long StudyId), int> _read = [];
    private Dictionary<string, Distribution>? _space;
    private SortedDictionary<string, Distribution>? _result;

    /// <summary>Creates the calculator.</summary>
    /// <param name="includePruned">Whether pruned trials count as well as complete ones.</param>
    public IntersectionSearchSpace(bool includePruned = false) => _includePruned = includePruned;

    /// <summary>The intersection over the study's finished trials so far, in sorted name order.</summary>
    /// <param name="study">The study.</param>
    /// <returns>Names and distributions; empty before the first finished trial. The same instance as the previous call's
    /// while the intersection has not changed, so that a caller can cache what it derives from it.</returns>
    public IReadOnlyDictionary<string, Distribution> Calculate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var source = (study.Storage, study.Id);
        var read = _read.GetValueOrDefault(source);
        var finished = study.Storage.GetFinishedTrials(study.Id, read);
        _read[source] = read + finished.Count;
        foreach (var trial in finished)
        {
            if (Counts(trial))
            {
                Intersect(trial);
            }
        }

        return Result();
    }

    /// <summary>The intersection over the given finished trials and those seen by earlier calls.</summary>
    /// <param name="trials">Finished trials; ones this overload saw before are skipped.</param>
    /// <returns>Names and distributions, in sorted name order.</returns>
    /// <remarks>A trial also read from a study counts once all the same: intersecting twice with one trial changes
    /// nothing.</remarks>
    public IReadOnlyDictionary<string, Distribution> Calculate(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        foreach (var trial in trials)
        {
            if (_seen.Add(trial.Id))
            {
                Intersect(trial);
            }
        }

        return Result();
    }

    private bool Counts(FrozenTrial trial) =>
        trial.State == TrialState.Complete || (_includePruned && trial.State == TrialState.Pruned);

    private void Intersect(FrozenTrial trial)
    {
        if (_space is null)
        {
            _space = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
            _result = null;
            return;
        }

        List<string>? missing = null;
        foreach (var (name, distribution) in _space)
        {
            if (!trial.Params.TryGet(name, out var own, out _) || !own.Equals(distribution))
            {
                (missing ??= []).Add(name);
            }
        }

        if (missing is not null)
        {
            foreach (var name in missing)
            {
                _space.Remove(name);
            }

            _result = null;
        }
    }

    private SortedDictionary<string, Distribution> Result() =>
        _result ??= _space is null
            ? new SortedDictionary<string, Distribution>(StringComparer.Ordinal)
            : new SortedDictionary<string, Distribution>(_space, StringComparer.Ordinal);
}

using Hone.Distributions;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.SearchSpaces;

/// <summary>
/// Splits the parameters of a conditional search space into groups that always occur together, so a joint sampler
/// can model each group on the trials that have it instead of only the parameters every trial shares.
/// </summary>
/// <remarks>
/// A trial with parameter set P splits every group G into G∩P and G∖P, and the part of P in no group becomes a new
/// group; the result is the coarsest partition consistent with every trial. A parameter seen with two different
/// distributions leaves the groups and is sampled independently. Incremental and not thread-safe, like
/// <see cref="IntersectionSearchSpace"/>. After the group decomposition of Optuna's multivariate TPE (Watanabe 2023,
/// "Tree-Structured Parzen Estimator: Understanding Its Algorithm Components").
/// </remarks>
public sealed class GroupDecomposedSearchSpace
{
    private readonly bool _includePruned;
    private readonly HashSet<long> _seen = [];

    /// <summary>Per study read (storage instance and study id), how many of its finished trials were read.</summary>
    private readonly Dictionary<(IStorage Storage, long StudyId), int> _read = [];
    private readonly Dictionary<string, Distribution> _distributions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conflicting = new(StringComparer.Ordinal);
    private List<HashSet<string>> _groups = [];

    /// <summary>Creates the calculator.</summary>
    /// <param name="includePruned">Whether pruned trials count as well as complete ones.</param>
    public GroupDecomposedSearchSpace(bool includePruned = false) => _includePruned = includePruned;

    /// <summary>The groups over the study's finished trials so far.</summary>
    /// <param name="study">The study.</param>
    /// <returns>Each group's parameters and distributions, in sorted name order; groups ordered by their first name.</returns>
    public IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Calculate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var source = (study.Storage, study.Id);
        var read = _read.GetValueOrDefault(source);
        var finished = study.Storage.GetFinishedTrials(study.Id, read);
        _read[source] = read + finished.Count;
        return Calculate(finished.Where(t => t.State == TrialState.Complete || (_includePruned && t.State == TrialState.Pruned)));
    }

    /// <summary>The groups over the given finished trials and those seen by earlier calls.</summary>
    /// <param name="trials">Finished trials; ones seen before are skipped.</param>
    /// <returns>Each group's parameters and distributions.</returns>
    public IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Calculate(IEnumerable<FrozenTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        foreach (var trial in trials)
        {
            if (_seen.Add(trial.Id))
            {
                Add(trial);
            }
        }

        return _groups
            .Select(g => g.Where(n => !_conflicting.Contains(n)).Order(StringComparer.Ordinal).ToList())
            .Where(g => g.Count > 0)
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .Select(g => (IReadOnlyDictionary<string, Distribution>)new SortedDictionary<string, Distribution>(
                g.ToDictionary(n => n, n => _distributions[n]), StringComparer.Ordinal))
            .ToList();
    }

    private void Add(FrozenTrial trial)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, distribution, _) in trial.Params.Entries())
        {
            names.Add(name);
            if (!_distributions.TryGetValue(name, out var known))
            {
                _distributions[name] = distribution;
            }
            else if (!known.Equals(distribution))
            {
                _conflicting.Add(name);
            }
        }

        var next = new List<HashSet<string>>(_groups.Count + 1);
        var rest = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (var group in _groups)
        {
            var inside = new HashSet<string>(group.Where(names.Contains), StringComparer.Ordinal);
            var outside = new HashSet<string>(group.Where(n => !names.Contains(n)), StringComparer.Ordinal);
            if (inside.Count > 0)
            {
                next.Add(inside);
            }

            if (outside.Count > 0)
            {
                next.Add(outside);
            }

            rest.ExceptWith(group);
        }

        if (rest.Count > 0)
        {
            next.Add(rest);
        }

        _groups = next;
    }
}

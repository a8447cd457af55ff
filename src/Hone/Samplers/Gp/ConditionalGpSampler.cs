using System.Globalization;
using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Gp;

/// <summary>
/// Bayesian optimization over a conditional space: one GP per sub-space (the complete trials that suggested the same
/// parameters), all on one output scale, and the next trial goes to the sub-space whose best proposal has the largest
/// acquisition. A branch that looks worse on average but is barely explored keeps a large expected improvement, so it
/// is searched rather than abandoned to the branch that looked better first (the trap of models that choose the branch
/// by its observed values alone).
/// </summary>
/// <remarks>
/// <para>After the per-sub-space models of conditional Bayesian optimization (Jenatton et al. 2017, "Bayesian
/// Optimization with Tree-structured Dependencies"; Lévesque et al. 2017, "Bayesian Optimization for Conditional
/// Hyperparameter Spaces"), with the sub-spaces found from the trials themselves, as a define-by-run space has no
/// declared tree.</para>
/// <para>A sub-space is keyed by its parameter names. Its <i>branch keys</i> are the categorical and integer parameters
/// every trial suggests whose value is constant within each sub-space (a "layers" or "model" choice): a proposal pins
/// them, so the trial walks into the sub-space it was proposed for; its other parameters are the GP's inputs. Outputs
/// are warped and standardized over all complete trials, so every model's expected improvement is over the same
/// incumbent on the same scale. A sub-space with fewer complete trials than its inputs + 1 (at least 3), and a branch-key
/// choice no trial has taken yet, are explored first, their parameters drawn by the independent sampler; the first
/// <see cref="StartupTrials"/> trials are independent too.</para>
/// </remarks>
internal sealed class ConditionalGpSampler : ISampler
{
    /// <summary>Complete trials drawn by the independent sampler before any model is fitted.</summary>
    public const int StartupTrials = 10;

    private const int ColdIterations = 100;
    private const int WarmIterations = 50;
    private const int Candidates = 512;
    private const int LocalSearches = 4;

    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    private readonly Random _random;
    private readonly ISampler _independent;
    private readonly Dictionary<string, GpModels> _previous = new(StringComparer.Ordinal);

    /// <summary>Creates the sampler.</summary>
    /// <param name="seed">The seed; <see langword="null"/> for a random one.</param>
    public ConditionalGpSampler(int? seed)
    {
        _random = seed is { } s ? new Random(s) : new Random();
        _independent = new RandomSampler(seed);
    }

    /// <inheritdoc/>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Directions.Count > 1)
        {
            throw new NotSupportedException(string.Create(
                CultureInfo.InvariantCulture,
                $"The conditional GP supports single-objective studies only, but study '{study.Name}' has {study.Directions.Count} directions."));
        }

        _independent.BeforeTrial(study, trial);
    }

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        _independent.AfterTrial(study, trial, state, values);

    /// <summary>Every parameter a complete trial has, with the distribution all of them agree on (a parameter whose
    /// distribution changed between trials is left to the independent sampler).</summary>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var complete in study.GetTrials(TrialState.Complete))
        {
            foreach (var (name, distribution, _) in complete.Params.Entries())
            {
                if (space.TryGetValue(name, out var known))
                {
                    if (!known.Equals(distribution))
                    {
                        conflicting.Add(name);
                    }
                }
                else if (!conflicting.Contains(name))
                {
                    space.Add(name, distribution);
                }
            }
        }

        foreach (var name in conflicting)
        {
            space.Remove(name);
        }

        return space;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var complete = new List<FrozenTrial>();
        foreach (var candidate in study.GetTrials(TrialState.Complete))
        {
            if (Within(candidate, searchSpace))
            {
                complete.Add(candidate);
            }
        }

        if (complete.Count < StartupTrials)
        {
            return EmptySample;
        }

        var subspaces = Subspaces(complete, searchSpace);
        var explore = Unexplored(subspaces, searchSpace);
        if (explore.Count > 0)
        {
            return explore[_random.Next(explore.Count)];
        }

        var sign = study.Directions[0] == StudyDirection.Maximize ? -1.0 : 1.0;
        var outputs = GpModels.Outputs(complete, sign);
        var scale = new Dictionary<int, double>(complete.Count);
        double? target = null;
        for (var t = 0; t < complete.Count; t++)
        {
            scale[complete[t].Number] = outputs[t];
            if (complete[t].IsFeasible && (target is null || outputs[t] < target))
            {
                target = outputs[t];
            }
        }

        var running = new List<FrozenTrial>();
        foreach (var other in study.GetTrials(TrialState.Running))
        {
            if (other.Number != trial.Number)
            {
                running.Add(other);
            }
        }

        IReadOnlyDictionary<string, double> best = EmptySample;
        var bestValue = double.NegativeInfinity;
        foreach (var subspace in subspaces)
        {
            var (proposal, value) = Propose(subspace, scale, target, running, sign);
            if (value > bestValue || best.Count == 0)
            {
                (best, bestValue) = (proposal, value);
            }
        }

        return best;
    }

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        _independent.SampleIndependent(study, trial, name, distribution);

    private static bool Within(FrozenTrial trial, IReadOnlyDictionary<string, Distribution> space)
    {
        foreach (var (name, distribution, _) in trial.Params.Entries())
        {
            if (!space.TryGetValue(name, out var known) || !known.Equals(distribution))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The complete trials grouped by parameter names, with the branch keys each group pins.</summary>
    private static List<Subspace> Subspaces(List<FrozenTrial> complete, IReadOnlyDictionary<string, Distribution> space)
    {
        var groups = new SortedDictionary<string, List<FrozenTrial>>(StringComparer.Ordinal);
        foreach (var trial in complete)
        {
            var key = string.Join('\n', trial.Params.Keys.Order(StringComparer.Ordinal));
            if (!groups.TryGetValue(key, out var members))
            {
                groups.Add(key, members = []);
            }

            members.Add(trial);
        }

        var keys = new List<string>();
        foreach (var (name, distribution) in space)
        {
            if (distribution is CategoricalDistribution or IntDistribution && IsBranchKey(name, groups.Values))
            {
                keys.Add(name);
            }
        }

        var subspaces = new List<Subspace>(groups.Count);
        foreach (var (key, members) in groups)
        {
            var pinned = new SortedDictionary<string, double>(StringComparer.Ordinal);
            var free = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var (name, distribution, value) in members[0].Params.Entries())
            {
                if (keys.Contains(name))
                {
                    pinned.Add(name, value);
                }
                else if (!distribution.IsSingle())
                {
                    free.Add(name, distribution);
                }
            }

            subspaces.Add(new Subspace(key, members, pinned, free));
        }

        return subspaces;
    }

    /// <summary>Whether every trial has <paramref name="name"/>, with one value within each group and more than one
    /// value over the groups.</summary>
    private static bool IsBranchKey(string name, IEnumerable<List<FrozenTrial>> groups)
    {
        double? first = null;
        var varies = false;
        foreach (var members in groups)
        {
            double? own = null;
            foreach (var trial in members)
            {
                if (!trial.Params.TryGet(name, out _, out var value) || (own is { } seen && seen != value))
                {
                    return false;
                }

                own = value;
            }

            first ??= own;
            varies |= own != first;
        }

        return varies;
    }

    /// <summary>Samples that explore: each sub-space too small for a model, and each branch-key choice not taken yet
    /// (only the keys pinned, the rest drawn independently).</summary>
    private static List<IReadOnlyDictionary<string, double>> Unexplored(List<Subspace> subspaces, IReadOnlyDictionary<string, Distribution> space)
    {
        var explore = new List<IReadOnlyDictionary<string, double>>();
        foreach (var subspace in subspaces)
        {
            if (subspace.Trials.Count < Math.Max(3, subspace.Free.Count + 1))
            {
                explore.Add(subspace.Pinned);
            }
        }

        foreach (var name in subspaces[0].Pinned.Keys)
        {
            if (space[name] is not CategoricalDistribution categorical)
            {
                continue;
            }

            for (var choice = 0; choice < categorical.Choices.Count; choice++)
            {
                if (!subspaces.Exists(s => s.Pinned[name] == choice))
                {
                    explore.Add(new Dictionary<string, double>(StringComparer.Ordinal) { [name] = choice });
                }
            }
        }

        return explore;
    }

    /// <summary>The sub-space's best proposal (its branch keys and the GP's point) and its acquisition on the shared
    /// scale.</summary>
    private (IReadOnlyDictionary<string, double> Proposal, double Value) Propose(
        Subspace subspace,
        Dictionary<int, double> scale,
        double? target,
        List<FrozenTrial> running,
        double sign)
    {
        if (subspace.Free.Count == 0)
        {
            return (subspace.Pinned, double.NegativeInfinity);
        }

        var space = new GpSpace(subspace.Free);
        var outputs = new double[subspace.Trials.Count];
        for (var t = 0; t < outputs.Length; t++)
        {
            outputs[t] = scale[subspace.Trials[t].Number];
        }

        var pending = running.FindAll(r => subspace.Admits(r));
        _previous.TryGetValue(subspace.Key, out var previous);
        var models = GpModels.Build(
            space, subspace.Trials, pending, sign, deterministic: false, previous, ColdIterations, WarmIterations, new GpModels.SharedOutputs(outputs, target));
        _previous[subspace.Key] = models;
        var function = models.Acquisition(GpAcquisition.LogExpectedImprovement, 0);
        var point = new GpAcquisitionOptimizer(space, Candidates, LocalSearches).Maximize(function, _random.Next(), models.BestInputs);
        var proposal = new Dictionary<string, double>(subspace.Pinned, StringComparer.Ordinal);
        for (var i = 0; i < space.Dimension; i++)
        {
            proposal[space.Names[i]] = space.Decode(i, point[i]);
        }

        var value = function.Value(point);
        return (proposal, double.IsNaN(value) ? double.NegativeInfinity : value);
    }

    /// <summary>The complete trials with one set of parameter names, the branch-key values they share and the other
    /// parameters.</summary>
    private sealed record Subspace(
        string Key,
        List<FrozenTrial> Trials,
        SortedDictionary<string, double> Pinned,
        SortedDictionary<string, Distribution> Free)
    {
        /// <summary>Whether a running trial is headed for this sub-space: its branch keys so far match and it has every
        /// free parameter.</summary>
        public bool Admits(FrozenTrial trial)
        {
            foreach (var (name, value) in Pinned)
            {
                if (!trial.Params.TryGet(name, out _, out var own) || own != value)
                {
                    return false;
                }
            }

            foreach (var (name, distribution) in Free)
            {
                if (!trial.Params.TryGet(name, out var own, out _) || !own.Equals(distribution))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

using Hone.Pruners;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Bohb;

/// <summary>
/// The observations of a study at each budget, as successive halving records them: a trial that reached rung k of
/// Hyperband bracket b holds its value there in <c>asha:rung_k</c>, at budget level <c>b + k</c> (step
/// <c>r·η^(b+k)</c>); a complete trial adds its objective value at the top level, the full budget. A trial stopped
/// below a level has no observation there.
/// </summary>
/// <remarks>
/// Finished trials are read once each (<see cref="FinishedTrialCursor"/>, as the pruners' <see cref="RungValues"/>
/// does) and kept by level; running trials, whose rung values the pruner writes at once, are read at each model fit.
/// Values are kept in the minimized sense. Not thread-safe: the sampler's calls are serialized by the study.
/// </remarks>
internal sealed class BohbBudgets
{
    /// <summary>The level of complete trials' objective values: above every rung.</summary>
    public const int CompleteLevel = int.MaxValue;

    private readonly FinishedTrialCursor _cursor = new();
    private readonly SortedDictionary<int, List<(FrozenTrial Trial, double Value)>> _byLevel = [];

    /// <summary>Reads the trials that finished since the last call.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The complete and pruned trials just read, and whether the study is another than the last call's (then
    /// everything learnt before was dropped).</returns>
    public (List<FrozenTrial> Added, bool Restarted) Refresh(Study study)
    {
        var finished = _cursor.ReadNew(study, out var restarted);
        if (restarted)
        {
            _byLevel.Clear();
        }

        var sign = study.Direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var added = new List<FrozenTrial>(finished.Count);
        foreach (var trial in finished)
        {
            if (trial.State is TrialState.Complete or TrialState.Pruned)
            {
                added.Add(trial);
                AddRungs(study, trial, sign, _byLevel);
                if (trial.State == TrialState.Complete)
                {
                    Add(_byLevel, CompleteLevel, trial, sign * trial.Value);
                }
            }
        }

        return (added, restarted);
    }

    /// <summary>The largest level with at least <paramref name="minCount"/> observations, running trials included.</summary>
    /// <param name="study">The study.</param>
    /// <param name="running">The running trials (the one being sampled left out).</param>
    /// <param name="minCount">The fewest observations a level needs.</param>
    /// <param name="usable">Whether an observation's trial can enter the model (it has every modelled parameter).</param>
    /// <returns>The level and its observations (minimized sense, in no particular order), or <see langword="null"/>.</returns>
    public (int Level, List<(FrozenTrial Trial, double Value)> Observations)? Largest(
        Study study,
        IReadOnlyList<FrozenTrial> running,
        int minCount,
        Func<FrozenTrial, bool> usable)
    {
        var sign = study.Direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var live = new SortedDictionary<int, List<(FrozenTrial Trial, double Value)>>();
        foreach (var trial in running)
        {
            AddRungs(study, trial, sign, live);
        }

        var levels = _byLevel.Keys.Union(live.Keys).OrderDescending();
        foreach (var level in levels)
        {
            var observations = new List<(FrozenTrial Trial, double Value)>();
            foreach (var source in new[] { _byLevel, live })
            {
                if (source.TryGetValue(level, out var list))
                {
                    foreach (var observation in list)
                    {
                        if (usable(observation.Trial))
                        {
                            observations.Add(observation);
                        }
                    }
                }
            }

            if (observations.Count >= minCount)
            {
                return (level, observations);
            }
        }

        return null;
    }

    private static void AddRungs(Study study, FrozenTrial trial, double sign, SortedDictionary<int, List<(FrozenTrial, double)>> byLevel)
    {
        int? bracket = null;
        for (var rung = 0; trial.SystemAttrs.TryGetValue(SuccessiveHalving.RungKey(rung), out var recorded); rung++)
        {
            if (PrunerSteps.ReadNumber(recorded) is not { } value || double.IsNaN(value))
            {
                continue;
            }

            bracket ??= Bracket(study, trial);
            Add(byLevel, bracket.Value + rung, trial, sign * value);
        }
    }

    /// <summary>The trial's Hyperband bracket, which offsets its rungs; 0 under plain successive halving.</summary>
    private static int Bracket(Study study, FrozenTrial trial)
    {
        if (trial.SystemAttrs.TryGetValue(HyperbandPruner.BracketKey, out var recorded) && PrunerSteps.ReadNumber(recorded) is { } bracket)
        {
            return (int)bracket;
        }

        return study.Pruner is IBracketAwarePruner pruner ? pruner.GetBracket(study, trial.Number) ?? 0 : 0;
    }

    private static void Add(SortedDictionary<int, List<(FrozenTrial, double)>> byLevel, int level, FrozenTrial trial, double value)
    {
        if (!byLevel.TryGetValue(level, out var list))
        {
            list = [];
            byLevel[level] = list;
        }

        list.Add((trial, value));
    }
}

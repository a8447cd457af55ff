using Hone.Trials;

namespace Hone.Storages;

/// <summary>The reads every storage answers from its list of trials in the same way.</summary>
internal static class TrialSelection
{
    /// <summary>The trials in the given states (all when <paramref name="states"/> is null), in list order; gaps (null
    /// entries of a cache still filling) are skipped.</summary>
    public static List<FrozenTrial> InStates(IReadOnlyList<FrozenTrial?> trials, IReadOnlyCollection<TrialState>? states)
    {
        // One bit per wanted state: samplers filter every trial on each call, and Contains costs ~50 ns a trial.
        var mask = states is null ? -1 : 0;
        foreach (var state in states ?? [])
        {
            mask |= 1 << (int)state;
        }

        var result = new List<FrozenTrial>(states is null ? trials.Count : 0);
        foreach (var trial in trials)
        {
            if (trial is not null && ((mask >> (int)trial.State) & 1) != 0)
            {
                result.Add(trial);
            }
        }

        return result;
    }

    /// <summary>Puts a trial read from the database into a cache indexed by number, and appends it to the cache's
    /// finished trials the first time it is seen finished (the order <see cref="IStorage.GetFinishedTrials"/> reports).</summary>
    public static void Record(List<FrozenTrial?> trials, List<FrozenTrial> finished, FrozenTrial trial)
    {
        while (trials.Count <= trial.Number)
        {
            trials.Add(null);
        }

        var previous = trials[trial.Number];
        if (trial.State.IsFinished() && (previous is null || !previous.State.IsFinished()))
        {
            finished.Add(trial);
        }

        trials[trial.Number] = trial;
    }

    /// <summary>The finished trials after the first <paramref name="start"/> (see <see cref="IStorage.GetFinishedTrials"/>).</summary>
    public static IReadOnlyList<FrozenTrial> After(List<FrozenTrial> finished, int start) =>
        start >= finished.Count ? [] : finished.GetRange(start, finished.Count - start);
}

using Hone.Trials;

namespace Hone.Storages;

/// <summary>The reads every storage answers from its list of trials in the same way.</summary>
internal static class TrialSelection
{
    /// <summary>The trials in the given states (all when <paramref name="states"/> is null), in list order; gaps (null
    /// entries of a cache still filling) are skipped.</summary>
    public static List<FrozenTrial> InStates(IReadOnlyList<FrozenTrial?> trials, IReadOnlyCollection<TrialState>? states)
    {
        var mask = Mask(states);
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

    /// <summary>
    /// The trials in the given states, in number order, reading only the unfinished ones when no finished state is
    /// wanted: pruners list the running trials at every rung decision, and a pass over every trial of a long study
    /// costs microseconds where the running ones are a handful.
    /// </summary>
    /// <param name="trials">The trials by number.</param>
    /// <param name="unfinished">The numbers of the waiting and running trials, ascending.</param>
    /// <param name="states">The wanted states; all when null.</param>
    /// <returns>The trials.</returns>
    public static List<FrozenTrial> InStates(IReadOnlyList<FrozenTrial?> trials, IReadOnlyList<int> unfinished, IReadOnlyCollection<TrialState>? states)
    {
        var mask = Mask(states);
        if ((mask & FinishedMask) != 0)
        {
            return InStates(trials, states);
        }

        var result = new List<FrozenTrial>();
        foreach (var number in unfinished)
        {
            if (trials[number] is { } trial && ((mask >> (int)trial.State) & 1) != 0)
            {
                result.Add(trial);
            }
        }

        return result;
    }

    /// <summary>Records that a trial is unfinished (a new number, the largest so far) or has finished.</summary>
    /// <param name="unfinished">The numbers of the waiting and running trials, ascending.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="finished">Whether the trial is now finished.</param>
    public static void Track(List<int> unfinished, int number, bool finished)
    {
        var index = unfinished.BinarySearch(number);
        if (finished && index >= 0)
        {
            unfinished.RemoveAt(index);
        }
        else if (!finished && index < 0)
        {
            unfinished.Insert(~index, number);
        }
    }

    /// <summary>Puts a trial read from the database into a cache indexed by number, and appends it to the cache's
    /// finished trials the first time it is seen finished (the order <see cref="IStorage.GetFinishedTrials"/> reports),
    /// and keeps the cache's unfinished numbers up to date.</summary>
    public static void Record(List<FrozenTrial?> trials, List<FrozenTrial> finished, List<int> unfinished, FrozenTrial trial)
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
        Track(unfinished, trial.Number, trial.State.IsFinished());
    }

    /// <summary>The finished trials after the first <paramref name="start"/> (see <see cref="IStorage.GetFinishedTrials"/>).</summary>
    public static IReadOnlyList<FrozenTrial> After(List<FrozenTrial> finished, int start) =>
        start >= finished.Count ? [] : finished.GetRange(start, finished.Count - start);

    /// <summary>One bit per state (<c>1 &lt;&lt; state</c>) of the finished states.</summary>
    private const int FinishedMask = (1 << (int)TrialState.Complete) | (1 << (int)TrialState.Pruned) | (1 << (int)TrialState.Failed);

    /// <summary>One bit per wanted state, all bits when <paramref name="states"/> is null: samplers filter every trial on
    /// each call, and Contains costs ~50 ns a trial.</summary>
    private static int Mask(IReadOnlyCollection<TrialState>? states)
    {
        var mask = states is null ? -1 : 0;
        foreach (var state in states ?? [])
        {
            mask |= 1 << (int)state;
        }

        return mask;
    }
}

using Hone.Trials;

namespace Hone.Storages;

/// <summary>Applies a <see cref="TrialUpdate"/> to a record, the one rule every storage shares.</summary>
internal static class TrialUpdates
{
    public static FrozenTrial Apply(FrozenTrial trial, TrialUpdate update)
    {
        if (trial.State.IsFinished() && !update.IsEmpty)
        {
            throw TrialAlreadyFinishedException.For(trial.Number, trial.State);
        }

        var result = trial;
        if (update.State is { } state)
        {
            result = result with
            {
                State = state,
                Values = state == TrialState.Complete ? update.Values : null,
                Completed = state.IsFinished() ? update.Completed : null,
            };
        }

        if (update.Params.Count > 0)
        {
            result = result with { Params = ParameterSet.Create(trial.Params.Entries().Concat(update.Params.Where(p => !trial.Params.ContainsKey(p.Name)))) };
        }

        if (update.IntermediateValues.Count > 0)
        {
            var values = new Dictionary<int, double>(trial.IntermediateValues);
            foreach (var (step, value) in update.IntermediateValues)
            {
                values[step] = value;
            }

            result = result with { IntermediateValues = values };
        }

        if (update.UserAttrs.Count > 0)
        {
            result = result with { UserAttrs = Merge(trial.UserAttrs, update.UserAttrs) };
        }

        if (update.SystemAttrs.Count > 0)
        {
            result = result with { SystemAttrs = Merge(trial.SystemAttrs, update.SystemAttrs) };
        }

        return result;
    }

    public static IReadOnlyDictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> current, IEnumerable<KeyValuePair<string, object?>> changes)
    {
        var merged = new Dictionary<string, object?>(current);
        foreach (var (key, value) in changes)
        {
            merged[key] = AttributeValues.Normalize(value);
        }

        return merged;
    }
}

using System.Globalization;
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

        // Checked first: a vector of the wrong length changes nothing.
        var vectors = update.IntermediateVectors.Count > 0 || (update.IntermediateValues.Count > 0 && trial.IntermediateVectors.Count > 0)
            ? MergeVectors(trial, update)
            : trial.IntermediateVectors;

        // One new record per update: this runs for every trial at every report and at its end.
        var state = update.State ?? trial.State;
        return trial with
        {
            State = state,
            Values = update.State is null ? trial.Values : state == TrialState.Complete ? update.Values : null,
            Completed = update.State is null ? trial.Completed : state.IsFinished() ? update.Completed : null,
            Params = update.Params.Count > 0 ? trial.Params.With(update.Params) : trial.Params,
            IntermediateValues = update.IntermediateValues.Count + update.IntermediateVectors.Count > 0
                ? MergeSteps(trial.IntermediateValues, update.IntermediateValues, update.IntermediateVectors)
                : trial.IntermediateValues,
            IntermediateVectors = vectors,
            UserAttrs = update.UserAttrs.Count > 0 ? Merge(trial.UserAttrs, update.UserAttrs) : trial.UserAttrs,
            SystemAttrs = update.SystemAttrs.Count > 0 ? Merge(trial.SystemAttrs, update.SystemAttrs) : trial.SystemAttrs,
        };
    }

    /// <summary>Checks the update that <see cref="IStorage.FailStaleTrials"/> applies.</summary>
    /// <exception cref="ArgumentException">It does not fail the trial, or carries parameters or intermediate values.</exception>
    public static void CheckStaleUpdate(TrialUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.State != TrialState.Failed || update.Params.Count > 0 || update.IntermediateValues.Count > 0 || update.IntermediateVectors.Count > 0)
        {
            throw new ArgumentException(
                $"The update for stale trials must set State = Failed and carry no parameters or intermediate values, but got State = {update.State?.ToString() ?? "null"}, {update.Params.Count} parameter(s), {update.IntermediateValues.Count} intermediate value(s).",
                nameof(update));
        }
    }

    private static Dictionary<int, double> MergeSteps(
        IReadOnlyDictionary<int, double> current,
        IReadOnlyList<KeyValuePair<int, double>> changes,
        IReadOnlyList<KeyValuePair<int, IReadOnlyList<double>>> vectors)
    {
        var values = new Dictionary<int, double>(current);
        foreach (var (step, value) in changes)
        {
            values[step] = value;
        }

        foreach (var (step, vector) in vectors)
        {
            values[step] = vector[0];
        }

        return values;
    }

    /// <summary>The trial's vectors after the update: a scalar report of a step drops its vector; every vector has the
    /// length of the trial's others.</summary>
    /// <exception cref="ArgumentException">A vector is empty or its length differs from the trial's other vectors.</exception>
    private static IReadOnlyDictionary<int, IReadOnlyList<double>> MergeVectors(FrozenTrial trial, TrialUpdate update)
    {
        var vectors = new Dictionary<int, IReadOnlyList<double>>(trial.IntermediateVectors);
        foreach (var (step, _) in update.IntermediateValues)
        {
            vectors.Remove(step);
        }

        var length = trial.IntermediateVectors.Count > 0 ? trial.IntermediateVectors.First().Value.Count : (int?)null;
        foreach (var (step, vector) in update.IntermediateVectors)
        {
            ArgumentNullException.ThrowIfNull(vector);
            length ??= vector.Count;
            if (vector.Count == 0 || vector.Count != length)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Every intermediate vector of trial {trial.Number} must have one value per objective, the same count at every step, but step {step} has {vector.Count} value(s) and the trial's others have {length}. Report one value per objective."));
            }

            vectors[step] = (double[])[.. vector];
        }

        return vectors;
    }

    public static IReadOnlyDictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> current, IEnumerable<KeyValuePair<string, object?>> changes)
    {
        var merged = new Dictionary<string, object?>(current.Count + (changes is IReadOnlyCollection<KeyValuePair<string, object?>> c ? c.Count : 0));
        foreach (var (key, value) in current)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in changes)
        {
            merged[key] = AttributeValues.Normalize(value);
        }

        return merged;
    }
}

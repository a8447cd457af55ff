using System.Globalization;
using System.Text.Json;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// The vectors recorded at each rung of <see cref="ParetoSuccessiveHalvingPruner"/> by one study's finished trials,
/// minimized and kept up to date incrementally: a finished trial never changes, so each is read once. Each refresh reads
/// only the trials finished since the previous one (<see cref="Storages.IStorage.GetFinishedTrials"/>).
/// </summary>
/// <remarks>Thread-safe. A rung's vector is kept in the system attribute <c>pareto_asha:rung_k</c> as a JSON array of
/// the reported values (infinities as their invariant text, since JSON has no number for them).</remarks>
internal sealed class ParetoRungs
{
    private static readonly string[] RungKeys =
        [.. Enumerable.Range(0, 64).Select(k => ParetoSuccessiveHalvingPruner.RungKeyPrefix + k.ToString(CultureInfo.InvariantCulture))];

    private readonly Lock _gate = new();
    private readonly List<List<double[]>> _byRung = [];
    private readonly FinishedTrialCursor _cursor = new();

    /// <summary>The system attribute of rung <paramref name="rung"/>.</summary>
    public static string RungKey(int rung) =>
        rung < RungKeys.Length ? RungKeys[rung] : ParetoSuccessiveHalvingPruner.RungKeyPrefix + rung.ToString(CultureInfo.InvariantCulture);

    /// <summary>A vector as the attribute value that records it.</summary>
    public static object?[] ToAttr(IReadOnlyList<double> vector) =>
        [.. vector.Select(v => double.IsFinite(v) ? (object?)v : v.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The vector a rung attribute holds, as any storage gives it back; <see langword="null"/> for anything else.</summary>
    public static double[]? ReadVector(object? value)
    {
        if (value is not JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var vector = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (PrunerSteps.ReadNumber(element.ValueKind == JsonValueKind.String ? element.GetString() : element) is not { } number)
            {
                return null;
            }

            vector[i++] = number;
        }

        return vector;
    }

    /// <summary>The minimized vector a trial recorded at a rung, if it holds one value per objective and no NaN.</summary>
    public static double[]? Recorded(FrozenTrial trial, int rung, IReadOnlyList<StudyDirection> directions) =>
        trial.SystemAttrs.TryGetValue(RungKey(rung), out var value)
        && ReadVector(value) is { } vector
        && vector.Length == directions.Count
        && !ParetoPoints.HasNaN(vector)
            ? ParetoPoints.Minimize(vector, directions)
            : null;

    /// <summary>Reads the trials that finished since the last call, and returns the running ones.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The running trials of the study (the trial being judged among them).</returns>
    public IReadOnlyList<FrozenTrial> Refresh(Study study)
    {
        lock (_gate)
        {
            var finished = _cursor.ReadNew(study, out var restarted);
            if (restarted)
            {
                _byRung.Clear();
            }

            foreach (var trial in finished)
            {
                Add(trial, study.Directions);
            }
        }

        return study.GetTrials(TrialState.Running);
    }

    /// <summary>The minimized vectors finished trials recorded at a rung.</summary>
    /// <param name="rung">The rung.</param>
    /// <returns>A copy of the list.</returns>
    public List<double[]> At(int rung)
    {
        lock (_gate)
        {
            return rung < _byRung.Count ? [.. _byRung[rung]] : [];
        }
    }

    private void Add(FrozenTrial trial, IReadOnlyList<StudyDirection> directions)
    {
        for (var rung = 0; trial.SystemAttrs.ContainsKey(RungKey(rung)); rung++)
        {
            if (Recorded(trial, rung, directions) is not { } point)
            {
                continue;
            }

            while (_byRung.Count <= rung)
            {
                _byRung.Add([]);
            }

            _byRung[rung].Add(point);
        }
    }
}

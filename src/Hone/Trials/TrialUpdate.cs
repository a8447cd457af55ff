using Hone.Distributions;

namespace Hone.Trials;

/// <summary>Changes to one trial that a storage applies atomically, in one transaction.</summary>
/// <remarks>
/// A <see cref="Trial"/> gathers its parameters, intermediate values and attributes here and hands them to the
/// storage in batches, so that a SQL storage commits once per batch instead of once per call.
/// </remarks>
public sealed record TrialUpdate
{
    /// <summary>The new state, or <see langword="null"/> to keep it.</summary>
    public TrialState? State { get; init; }

    /// <summary>The objective values, with a Complete state.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>When the trial finished, with a final state.</summary>
    public DateTimeOffset? Completed { get; init; }

    /// <summary>Parameters to add.</summary>
    public IReadOnlyList<(string Name, Distribution Distribution, double Value)> Params { get; init; } = [];

    /// <summary>Intermediate values to add or overwrite, by step.</summary>
    public IReadOnlyList<KeyValuePair<int, double>> IntermediateValues { get; init; } = [];

    /// <summary>Intermediate vectors (one value per objective) to add or overwrite, by step, applied after
    /// <see cref="IntermediateValues"/>. A vector's first value is also its step's value in
    /// <see cref="FrozenTrial.IntermediateValues"/>; all the vectors of a trial have the same length.</summary>
    public IReadOnlyList<KeyValuePair<int, IReadOnlyList<double>>> IntermediateVectors { get; init; } = [];

    /// <summary>User attributes to set.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> UserAttrs { get; init; } = [];

    /// <summary>System attributes to set.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> SystemAttrs { get; init; } = [];

    /// <summary>Whether the update changes nothing.</summary>
    public bool IsEmpty => State is null && Params.Count == 0 && IntermediateValues.Count == 0 && IntermediateVectors.Count == 0
        && UserAttrs.Count == 0 && SystemAttrs.Count == 0;
}

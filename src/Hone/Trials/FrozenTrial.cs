using Hone.Distributions;

namespace Hone.Trials;

/// <summary>An immutable record of a trial, as a storage returns it.</summary>
/// <remarks>A storage never changes a record it handed out: later writes produce new records.</remarks>
public sealed record FrozenTrial
{
    /// <summary>The system attribute that holds why a trial failed.</summary>
    internal const string FailReasonKey = "fail_reason";

    /// <summary>The system attribute that holds a trial's constraint values.</summary>
    internal const string ConstraintsKey = "constraints";

    /// <summary>The system attribute that holds the number of the failed trial a retry repeats.</summary>
    internal const string RetryOfKey = "retry:of";

    /// <summary>The system attribute that holds which attempt at its parameters a retry is.</summary>
    internal const string AttemptKey = "retry:attempt";

    private static readonly IReadOnlyDictionary<int, double> NoIntermediateValues = new Dictionary<int, double>();
    private static readonly IReadOnlyDictionary<int, IReadOnlyList<double>> NoIntermediateVectors = new Dictionary<int, IReadOnlyList<double>>();
    private static readonly IReadOnlyDictionary<string, object?> NoAttributes = new Dictionary<string, object?>();

    /// <summary>The storage-wide identifier of the trial.</summary>
    public required long Id { get; init; }

    /// <summary>The trial's number within its study: 0, 1, 2, ... in creation order, unique within the study.</summary>
    public required int Number { get; init; }

    /// <summary>The trial's state.</summary>
    public required TrialState State { get; init; }

    /// <summary>The objective values, one per direction, for a complete trial; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>The single objective value of a complete trial.</summary>
    /// <exception cref="InvalidOperationException">The trial has no value or several.</exception>
    public double Value => Values is [var v]
        ? v
        : throw new InvalidOperationException(Values is null
            ? $"Trial {Number} is {State} and has no value."
            : $"Trial {Number} has {Values.Count} values; use Values for a multi-objective study.");

    /// <summary>The parameters, read as a dictionary of external values.</summary>
    public ParameterSet Params { get; init; } = ParameterSet.Empty;

    /// <summary>The distribution of each parameter.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions => Params.Distributions;

    /// <summary>The internal (numeric) value of each parameter.</summary>
    public IReadOnlyDictionary<string, double> InternalParams => Params.Internal;

    /// <summary>The values reported with <see cref="Trial.Report(double, int)"/>, by step; in a multi-objective study, the
    /// first objective's value of each vector in <see cref="IntermediateVectors"/>, so that code reading one value per
    /// step sees the first objective.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; init; } = NoIntermediateValues;

    /// <summary>The vectors reported with <see cref="Trial.Report(IReadOnlyList{double}, int)"/> in a multi-objective
    /// study, one value per objective in the order of the study's directions, by step; empty in a single-objective
    /// study, whose values are in <see cref="IntermediateValues"/>.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<double>> IntermediateVectors { get; init; } = NoIntermediateVectors;

    /// <summary>The user's attributes: strings, numbers, booleans, null, or JSON elements for anything else.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs { get; init; } = NoAttributes;

    /// <summary>Hone's own attributes: the failure reason, fixed parameters of an enqueued trial, and the like.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs { get; init; } = NoAttributes;

    /// <summary>When the trial started running; <see langword="null"/> while it waits.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When the trial finished; <see langword="null"/> until then.</summary>
    public DateTimeOffset? Completed { get; init; }

    /// <summary>How long the trial ran, once finished.</summary>
    public TimeSpan? Duration => Started is { } s && Completed is { } c ? c - s : null;

    /// <summary>The constraint values (each &lt;= 0 when satisfied), or <see langword="null"/> when none were evaluated.</summary>
    public IReadOnlyList<double>? Constraints => SystemAttrs.TryGetValue(ConstraintsKey, out var value) ? ReadNumbers(value) : null;

    /// <summary>Whether every constraint is satisfied; <see langword="true"/> when there are none.</summary>
    public bool IsFeasible => Constraints is not { } c || c.All(v => v <= 0);

    /// <summary>The total violation: the sum of the positive constraint values; 0 when feasible.</summary>
    public double Violation => Constraints is { } c ? c.Where(v => v > 0).Sum() : 0;

    /// <summary>For a retry, the number of the failed trial whose parameters it runs again; otherwise <see langword="null"/>.</summary>
    public int? RetryOf => SystemAttrs.GetValueOrDefault(RetryOfKey) is long number ? (int)number : null;

    /// <summary>Which attempt at its parameters the trial is: 1, then 2 for the first retry, and so on.</summary>
    public int Attempt => SystemAttrs.GetValueOrDefault(AttemptKey) is long attempt ? (int)attempt : 1;

    /// <summary>The last reported intermediate value, if any.</summary>
    public double? LastIntermediateValue => IntermediateValues.Count == 0 ? null : IntermediateValues.MaxBy(kv => kv.Key).Value;

    private static double[]? ReadNumbers(object? value) => value switch
    {
        double[] numbers => numbers,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array =>
            array.EnumerateArray().Select(e => e.ValueKind == System.Text.Json.JsonValueKind.String
                ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                : e.GetDouble()).ToArray(),
        _ => null,
    };
}

namespace Hone.Cli.Running;

/// <summary>What became of one trial's process.</summary>
internal sealed record TrialOutcome
{
    /// <summary>How it ended.</summary>
    public required TrialEnd End { get; init; }

    /// <summary>One value per objective, for a complete trial.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>The constraint values of a complete trial (each &lt;= 0 when met), or <see langword="null"/> when the study has no constraints.</summary>
    public IReadOnlyList<double>? Constraints { get; init; }

    /// <summary>Why it failed or was interrupted.</summary>
    public string? Reason { get; init; }

    /// <summary>The exit code, when it started.</summary>
    public int? ExitCode { get; init; }

    /// <summary>From process start to exit.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>CPU and memory, as far as known.</summary>
    public ResourceUsage? Usage { get; init; }

    /// <summary>User attributes the trial set (<c>hone: attr</c>) and result metrics that are not objectives.</summary>
    public IReadOnlyDictionary<string, object?> Attrs { get; init; } = new Dictionary<string, object?>();

    /// <summary>The step of the report after which it was pruned.</summary>
    public int? PrunedStep { get; init; }
}

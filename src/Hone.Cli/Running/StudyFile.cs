using Hone.Pruners;
using Hone.Samplers;
using Hone.SearchSpaces;

namespace Hone.Cli.Running;

/// <summary>A study file (YAML or JSON) read and checked: what <c>hone run</c> tunes and how.</summary>
/// <remarks>Relative paths in the file (storage, working directory, logs) are resolved against the file's folder.</remarks>
internal sealed record StudyFile
{
    /// <summary>The file, as given on the command line.</summary>
    public required string Path { get; init; }

    /// <summary>The study name.</summary>
    public required string Name { get; init; }

    /// <summary>The storage URL with relative paths resolved, or <see langword="null"/> when the file names none.</summary>
    public string? Storage { get; init; }

    /// <summary>The objectives, in order.</summary>
    public required IReadOnlyList<Objective> Objectives { get; init; }

    /// <summary>The limits on other metrics a trial must meet to count among the best trials, in order.</summary>
    public IReadOnlyList<MetricConstraint> Constraints { get; init; } = [];

    /// <summary>The sampler, built from its options.</summary>
    public required ISampler Sampler { get; init; }

    /// <summary>The pruner, built from its options.</summary>
    public required IPruner Pruner { get; init; }

    /// <summary>How many finished trials the study should have, counting those of earlier runs.</summary>
    public int? Trials { get; init; }

    /// <summary>After this long no new trial starts.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many trials run at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The parameters.</summary>
    public required SearchSpace SearchSpace { get; init; }

    /// <summary>The command template.</summary>
    public required CommandTemplate Command { get; init; }

    /// <summary>Where the command's position is, as <c>file:line:column</c>, for errors about it.</summary>
    public required string CommandLocation { get; init; }

    /// <summary>The working directory of trials.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Environment variables added to trials.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long one trial may run before it is stopped and failed.</summary>
    public TimeSpan? TrialTimeout { get; init; }

    /// <summary>How many times a failed trial is run again with the same parameters.</summary>
    public int Retries { get; init; }

    /// <summary>How long a trial has to exit after SIGTERM before its process tree is killed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a running trial's worker records that it is alive.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a running trial may go without a heartbeat before another worker fails it as stale.</summary>
    public TimeSpan HeartbeatGrace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The slot pool, or <see langword="null"/> when trials need none.</summary>
    public SlotSettings? Slots { get; init; }

    /// <summary>The folder that receives one subfolder of logs per trial.</summary>
    public required string LogDirectory { get; init; }
}

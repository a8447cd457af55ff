using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;
using Hone.Trials;

namespace Hone.Studies;

/// <summary>How to create or load a study.</summary>
public sealed class StudyOptions
{
    /// <summary>The study name, unique within its storage.</summary>
    /// <value>Default: a generated name, <c>study-</c> followed by 12 hex digits.</value>
    public string? Name { get; set; }

    /// <summary>Where trials are kept.</summary>
    /// <value>Default: a new <see cref="InMemoryStorage"/>. Use <see cref="Storage.Open(string)"/> for a SQLite file.</value>
    public IStorage? Storage { get; set; }

    /// <summary>The sampler that proposes parameters.</summary>
    /// <value>Default: an <see cref="AutoSampler"/> without seed, which picks the sampler by the space and the trials so
    /// far.</value>
    public ISampler? Sampler { get; set; }

    /// <summary>The pruner that stops hopeless trials. A study with several objectives takes
    /// <see cref="ParetoMedianPruner"/>, <see cref="ParetoSuccessiveHalvingPruner"/> or a pruner of your own; the other
    /// built-in pruners judge one objective and are refused there.</summary>
    /// <value>Default: <see cref="NopPruner"/>, which never prunes.</value>
    public IPruner? Pruner { get; set; }

    /// <summary>One direction per objective.</summary>
    /// <value>Default: one objective, minimized.</value>
    public IList<StudyDirection> Directions { get; set; } = [StudyDirection.Minimize];

    /// <summary>Whether to load the study when one of that name exists instead of failing.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool LoadIfExists { get; set; }

    /// <summary>Evaluates the constraints of a finished (complete or pruned) trial: one value per constraint, &lt;= 0 when
    /// satisfied and &gt; 0 by how much it is violated. Kept with the trial; samplers that support constraints prefer
    /// feasible trials, and the best trials are chosen among the feasible ones.</summary>
    /// <value>Default: <see langword="null"/>, no constraints.</value>
    public Func<FrozenTrial, IReadOnlyList<double>>? Constraints { get; set; }

    /// <summary>The clock for trial start and end times, heartbeats and their timers.</summary>
    /// <value>Default: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Worker heartbeats: running trials record that their worker is alive, and each ask fails the trials whose
    /// worker went silent for longer than the grace period. Set it on every worker of a study that several processes or
    /// machines share.</summary>
    /// <value>Default: <see langword="null"/>, no heartbeats; trials of a killed worker stay running.</value>
    public HeartbeatOptions? Heartbeat { get; set; }

    /// <summary>Which failed trials run again with the same parameters: by default those failed as stale.</summary>
    /// <value>Default: <see langword="null"/>, no retries.</value>
    public RetryPolicy? Retry { get; set; }

    /// <summary>Called when this process stores a trial as failed: one of its own, or a stale one of a dead worker that it
    /// noticed. Runs on the thread that failed it, before any retry; an exception it throws reaches that caller.</summary>
    /// <value>Default: none.</value>
    public Action<OnTrialFailedArguments>? OnTrialFailed { get; set; }

    /// <summary>Called when this process queues a retry of a failed trial.</summary>
    /// <value>Default: none.</value>
    public Action<OnTrialRetriedArguments>? OnTrialRetried { get; set; }
}

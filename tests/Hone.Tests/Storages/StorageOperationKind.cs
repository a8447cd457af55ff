namespace Hone.Tests.Storages;

/// <summary>What a <see cref="StorageOperation"/> does.</summary>
public enum StorageOperationKind
{
    /// <summary>Creates a waiting trial with a fixed parameter.</summary>
    Enqueue,

    /// <summary>Starts a trial: the oldest waiting one, or a new one.</summary>
    Start,

    /// <summary>Reports an intermediate value on a trial.</summary>
    Report,

    /// <summary>Reports an intermediate vector (the value, then the step) on a trial.</summary>
    ReportVector,

    /// <summary>Sets a user attribute of a trial.</summary>
    SetAttr,

    /// <summary>Finishes a trial as complete.</summary>
    Complete,

    /// <summary>Finishes a trial as pruned.</summary>
    Prune,

    /// <summary>Finishes a trial as failed.</summary>
    Fail,
}

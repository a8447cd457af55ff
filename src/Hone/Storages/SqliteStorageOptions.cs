namespace Hone.Storages;

/// <summary>Settings of a <see cref="SqliteStorage"/>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Whether each commit that finishes a trial or changes a study waits until the data is on disk (SQLite
    /// <c>synchronous=FULL</c>), surviving power loss; the start of a trial and its intermediate reports are made durable by
    /// the next such commit.</summary>
    /// <value>Default: <see langword="true"/>. With <see langword="false"/> (<c>synchronous=NORMAL</c>) a commit still
    /// survives the process being killed, but the last ones may be lost if the machine loses power.</value>
    public bool Durable { get; set; } = true;

    /// <summary>Open the file for reading only; any write fails with a <see cref="StorageException"/>.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool ReadOnly { get; set; }

    /// <summary>How long a write waits for another process holding the database before it gives up.</summary>
    /// <value>Default: 60 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

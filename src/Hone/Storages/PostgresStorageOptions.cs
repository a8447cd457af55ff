namespace Hone.Storages;

/// <summary>Settings of a <see cref="PostgresStorage"/>.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The PostgreSQL schema that holds Hone's tables; created when missing. A <c>schema</c> parameter in the
    /// URL (<c>?schema=name</c>) takes precedence.</summary>
    /// <value>Default: <c>hone</c>, so that Hone's tables never mix with another program's in <c>public</c>.</value>
    public string Schema { get; set; } = "hone";

    /// <summary>How long one SQL command may run before it fails.</summary>
    /// <value>Default: 30 seconds.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an operation keeps retrying transient failures (connection refused or reset, server restarting,
    /// serialization failures, deadlocks) before it throws a <see cref="StorageException"/>.</summary>
    /// <value>Default: 30 seconds; opening the storage retries for at most 5 seconds of it. <see cref="TimeSpan.Zero"/>
    /// disables retries.</value>
    public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry; each further retry waits twice as long, up to 2 seconds, with jitter.</summary>
    /// <value>Default: 20 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether commits that finish a trial or change a study wait until the server has flushed them to disk;
    /// the start of a trial and its intermediate reports never wait and are made durable by the next commit that does.</summary>
    /// <value>Default: <see langword="true"/> (the server's <c>synchronous_commit</c> setting applies). With
    /// <see langword="false"/> no commit waits, and a server crash may lose the last ones.</value>
    public bool Durable { get; set; } = true;
}

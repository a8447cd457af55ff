namespace Hone.Storages;

/// <summary>Opens a storage from a URL, as the CLI's <c>--storage</c> option and study files name it.</summary>
public static class Storage
{
    /// <summary>The storage the CLI uses when none is named: <c>sqlite:///hone.db</c>, a file in the working directory.</summary>
    public const string DefaultUrl = "sqlite:///hone.db";

    /// <summary>Opens a storage.</summary>
    /// <param name="url">
    /// <c>sqlite:///relative/path.db</c>, <c>sqlite:////absolute/path.db</c>, a plain path ending in <c>.db</c>,
    /// <c>.sqlite</c> or <c>.sqlite3</c> (a SQLite file), <c>memory</c> (in-memory, gone when the process ends), or
    /// <c>postgresql://user:password@host:port/database</c> (also <c>postgres://</c>; a PostgreSQL database that many
    /// processes and machines share, see <see cref="PostgresStorage(string, PostgresStorageOptions?)"/> for its parameters).
    /// Append <c>?mode=ro</c> to a SQLite URL to open it read-only.
    /// </param>
    /// <returns>The storage; dispose it when done.</returns>
    /// <exception cref="ArgumentException">The URL names no storage Hone knows.</exception>
    /// <exception cref="StorageException">The file or database is not a Hone database, or cannot be opened.</exception>
    public static IStorage Open(string url) => Open(url, readOnly: false);

    /// <summary>Opens a storage, a SQLite file read-only when asked whatever its URL says.</summary>
    /// <param name="url">As for <see cref="Open(string)"/>.</param>
    /// <param name="readOnly">Whether to open a SQLite file read-only, so that a missing file is an error rather than
    /// created; other storages open as the URL says.</param>
    /// <returns>The storage; dispose it when done.</returns>
    /// <exception cref="ArgumentException">The URL names no storage Hone knows.</exception>
    /// <exception cref="StorageException">The file or database is not a Hone database, or cannot be opened.</exception>
    public static IStorage Open(string url, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (url is "memory" or "inmemory" or ":memory:")
        {
            return new InMemoryStorage();
        }

        if (PostgresUrl.IsUrl(url))
        {
            return new PostgresStorage(url);
        }

        var path = url;
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            var options = url[(query + 1)..];
            if (options is not ("mode=ro" or "mode=rw"))
            {
                throw new ArgumentException($"Unknown storage option '{options}' in '{url}'. The only option is mode=ro (read-only).");
            }

            readOnly |= options == "mode=ro";
            path = url[..query];
        }

        if (path.StartsWith("sqlite:///", StringComparison.Ordinal))
        {
            return new SqliteStorage(path["sqlite:///".Length..], new SqliteStorageOptions { ReadOnly = readOnly });
        }

        if (path.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Unknown storage URL '{url}'. Use sqlite:///path/to/file.db, postgresql://user:password@host:port/database or memory.");
        }

        if (path.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteStorage(path, new SqliteStorageOptions { ReadOnly = readOnly });
        }

        throw new ArgumentException($"Cannot tell which storage '{url}' names. Use sqlite:///path/to/file.db (or a path ending in .db) or memory.");
    }
}

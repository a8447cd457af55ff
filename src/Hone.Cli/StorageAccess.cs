using Hone.Storages;

namespace Hone.Cli;

/// <summary>Opens the storage a command names, read-only for the commands that only read.</summary>
internal static class StorageAccess
{
    private const string ReadOnlyQuery = "?mode=ro";

    /// <summary>The endings by which <see cref="Storage.Open"/> takes a plain path for a SQLite file.</summary>
    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3"];

    /// <summary>Opens a storage for reading; a SQLite file is opened read-only, so a missing file is an error and is not created.</summary>
    /// <param name="url">The <c>--storage</c> URL.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="CliException">The URL names no storage.</exception>
    /// <exception cref="StorageException">The file is missing, not a Hone database, or unreadable.</exception>
    public static IStorage OpenForReading(string url) => Open(ReadOnlyUrl(url));

    /// <summary>Opens a storage as the URL asks, for writing unless it says <c>?mode=ro</c>.</summary>
    /// <param name="url">The <c>--storage</c> URL.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="CliException">The URL names no storage.</exception>
    /// <exception cref="StorageException">The file is not a Hone database, or cannot be opened.</exception>
    public static IStorage OpenForWriting(string url) => Open(url);

    /// <summary>A name for the storage in messages: the file path of a SQLite storage, else the URL.</summary>
    /// <param name="storage">The open storage.</param>
    /// <param name="url">The URL it was opened from.</param>
    /// <returns>The name.</returns>
    public static string Describe(IStorage storage, string url) => storage is SqliteStorage sqlite ? sqlite.Path : url;

    /// <summary>The URL with <c>?mode=ro</c> in place of any mode when it names a SQLite file; any other URL as given.</summary>
    internal static string ReadOnlyUrl(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? url : url[..query];
        var sqlite = path.StartsWith("sqlite:///", StringComparison.Ordinal)
            || (!path.Contains("://", StringComparison.Ordinal) && SqliteExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

        // Any option other than the mode is left for Storage.Open to reject with its own message.
        return sqlite && (query < 0 || url[query..] is "?mode=ro" or "?mode=rw") ? path + ReadOnlyQuery : url;
    }

    private static IStorage Open(string url)
    {
        try
        {
            return Storage.Open(url);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }
}

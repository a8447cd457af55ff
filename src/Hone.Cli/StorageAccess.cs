using Hone.Storages;

namespace Hone.Cli;

/// <summary>Opens the storage a command names, read-only for the commands that only read.</summary>
internal static class StorageAccess
{
    /// <summary>Opens a storage for reading; a SQLite file is opened read-only, so a missing file is an error and is not created.</summary>
    /// <param name="url">The <c>--storage</c> URL.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="CliException">The URL names no storage.</exception>
    /// <exception cref="StorageException">The file is missing, not a Hone database, or unreadable.</exception>
    public static IStorage OpenForReading(string url) => Open(url, readOnly: true);

    /// <summary>Opens a storage as the URL asks, for writing unless it says <c>?mode=ro</c>.</summary>
    /// <param name="url">The <c>--storage</c> URL.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="CliException">The URL names no storage.</exception>
    /// <exception cref="StorageException">The file is not a Hone database, or cannot be opened.</exception>
    public static IStorage OpenForWriting(string url) => Open(url, readOnly: false);

    /// <summary>A name for the storage in messages: the file path of a SQLite storage, else the URL.</summary>
    /// <param name="storage">The open storage.</param>
    /// <param name="url">The URL it was opened from.</param>
    /// <returns>The name.</returns>
    public static string Describe(IStorage storage, string url) => storage is SqliteStorage sqlite ? sqlite.Path : url;

    private static IStorage Open(string url, bool readOnly)
    {
        try
        {
            return Storage.Open(url, readOnly);
        }
        catch (ArgumentException e)
        {
            throw new CliException(CliException.Reason(e));
        }
    }
}

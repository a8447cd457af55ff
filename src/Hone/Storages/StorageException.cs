namespace Hone.Storages;

/// <summary>Thrown when a storage cannot be opened or written: not a database, another program's file, read-only, too new.</summary>
/// <remarks>The message names the problem and the fix; nothing already stored is changed.</remarks>
public sealed class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public StorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

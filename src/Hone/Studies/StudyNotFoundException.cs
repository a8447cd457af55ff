namespace Hone.Studies;

/// <summary>Thrown when no study has the given name or identifier.</summary>
public sealed class StudyNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public StudyNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which study was looked for.</param>
    public StudyNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">Which study was looked for.</param>
    /// <param name="innerException">The cause.</param>
    public StudyNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static StudyNotFoundException ForName(string name) =>
        new($"No study named '{name}' in this storage. List the studies with `hone studies`, or create it first.");
}

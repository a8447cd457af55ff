namespace Hone.Studies;

/// <summary>Thrown when a study is created under a name the storage already holds.</summary>
public sealed class DuplicateStudyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateStudyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which name is taken.</param>
    public DuplicateStudyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">Which name is taken.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateStudyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static DuplicateStudyException ForName(string name) =>
        new($"A study named '{name}' already exists. Use Study.Load, set LoadIfExists, or choose another name.");
}

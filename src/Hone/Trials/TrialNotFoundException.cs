namespace Hone.Trials;

/// <summary>Thrown when a trial number or identifier names no trial.</summary>
public sealed class TrialNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public TrialNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which trial was looked for.</param>
    public TrialNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">Which trial was looked for.</param>
    /// <param name="innerException">The cause.</param>
    public TrialNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

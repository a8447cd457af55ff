namespace Hone.Trials;

/// <summary>Thrown when a finished trial is told or changed again.</summary>
public sealed class TrialAlreadyFinishedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TrialAlreadyFinishedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was attempted.</param>
    public TrialAlreadyFinishedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">What was attempted.</param>
    /// <param name="innerException">The cause.</param>
    public TrialAlreadyFinishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static TrialAlreadyFinishedException For(int number, TrialState state) =>
        new($"Trial {number} is already {state} and cannot change: Tell each trial exactly once.");
}

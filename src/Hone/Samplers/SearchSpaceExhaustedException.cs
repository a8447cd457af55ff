namespace Hone.Samplers;

/// <summary>
/// Thrown by a sampler that has nothing left to propose, such as a grid whose every point was taken. <c>Optimize</c>
/// ends quietly on it; <see cref="Studies.Study.Ask()"/> records the trial it had started as failed and rethrows it.
/// </summary>
public sealed class SearchSpaceExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SearchSpaceExhaustedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was exhausted.</param>
    public SearchSpaceExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">What was exhausted.</param>
    /// <param name="innerException">The cause.</param>
    public SearchSpaceExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

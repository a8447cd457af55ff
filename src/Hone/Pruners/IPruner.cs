using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>Decides whether a running trial should stop early, from its intermediate values and those of other trials.</summary>
/// <remarks>
/// Called from <see cref="Trial.ShouldPrune"/>, on the thread that runs the trial, possibly from several trials at once:
/// an implementation must be thread-safe. It must not change the study.
/// </remarks>
public interface IPruner
{
    /// <summary>Whether to prune the trial now.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial, with its intermediate values so far.</param>
    /// <returns><see langword="true"/> to stop the trial.</returns>
    bool Prune(Study study, FrozenTrial trial);
}

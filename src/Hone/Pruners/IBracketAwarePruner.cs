using Hone.Studies;

namespace Hone.Pruners;

/// <summary>
/// A pruner that splits the trials into brackets, each judged against its own trials only (<see cref="HyperbandPruner"/>).
/// A model-based sampler should then learn from each bracket apart, as <see cref="BracketedSampler"/> does: trials of
/// an aggressive bracket are cut early and would otherwise skew the model of a patient one.
/// </summary>
/// <remarks>Thread-safe. A trial's bracket depends on its number only, so every process agrees on it.</remarks>
public interface IBracketAwarePruner : IPruner
{
    /// <summary>How many brackets the pruner has for a study.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The count, or <see langword="null"/> while the pruner cannot know it yet (its maximum resource is inferred
    /// from the first complete trial).</returns>
    int? GetBracketCount(Study study);

    /// <summary>The bracket of a trial, from 0 (the most aggressive) to <c>GetBracketCount - 1</c>.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trialNumber">The trial number.</param>
    /// <returns>The bracket, or <see langword="null"/> while the brackets are not known yet.</returns>
    int? GetBracket(Study study, int trialNumber);
}

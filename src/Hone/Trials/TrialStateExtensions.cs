namespace Hone.Trials;

/// <summary>Helpers on <see cref="TrialState"/>.</summary>
public static class TrialStateExtensions
{
    /// <summary>Whether the state is final: Complete, Pruned or Failed.</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> for a finished trial.</returns>
    public static bool IsFinished(this TrialState state) =>
        state is TrialState.Complete or TrialState.Pruned or TrialState.Failed;
}

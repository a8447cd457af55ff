using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>Decides whether a running trial should stop early, from its intermediate values and those of other trials.</summary>
/// <remarks>
/// <para>Called from <see cref="Trial.ShouldPrune"/>, on the thread that runs the trial, possibly from several trials at
/// once: an implementation must be thread-safe. It must not change the study; the built-in pruners only keep their
/// bookkeeping in the trial's system attributes (the rungs of <see cref="SuccessiveHalvingPruner"/>, the bracket of
/// <see cref="HyperbandPruner"/>).</para>
/// <para>Steps may be reported in any order and reporting a step again overwrites its value
/// (<see cref="Trial.Report(double, int)"/>); the built-in pruners take the largest step reported as the trial's last step, never
/// prune a trial that has reported nothing, and never throw on NaN values. One instance may serve several studies.</para>
/// </remarks>
public interface IPruner
{
    /// <summary>Whether to prune the trial now.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial, with its intermediate values so far.</param>
    /// <returns><see langword="true"/> to stop the trial.</returns>
    bool Prune(Study study, FrozenTrial trial);
}

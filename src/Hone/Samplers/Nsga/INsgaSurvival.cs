using Hone.Numerics;

namespace Hone.Samplers.Nsga;

/// <summary>The elitist step that tells NSGA-II from NSGA-III: which candidates (parents and offspring) survive as the
/// next parents.</summary>
internal interface INsgaSurvival
{
    /// <summary>Checks the survival against the study's number of objectives and prepares for it; called before each
    /// trial, so it keeps what it derived while the number stays the same.</summary>
    /// <param name="objectives">The number of objectives.</param>
    /// <exception cref="ArgumentException">An option does not fit the study.</exception>
    void Prepare(int objectives);

    /// <summary>The survivors.</summary>
    /// <param name="candidates">More than <paramref name="size"/> candidates.</param>
    /// <param name="size">How many survive.</param>
    /// <param name="random">The random stream of this selection, for ties.</param>
    /// <returns>The indices of <paramref name="size"/> candidates.</returns>
    int[] Select(IReadOnlyList<NsgaIndividual> candidates, int size, ref SplitMix64 random);
}

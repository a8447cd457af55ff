using Hone.Numerics;

namespace Hone.Samplers.Nsga;

/// <summary>NSGA-II survival (Deb et al. 2002): whole fronts by rank, then the most isolated members of the first front
/// that does not fit, by crowding distance.</summary>
internal sealed class CrowdingSurvival : INsgaSurvival
{
    /// <inheritdoc/>
    public void Prepare(int objectives)
    {
    }

    /// <inheritdoc/>
    public int[] Select(IReadOnlyList<NsgaIndividual> candidates, int size, ref SplitMix64 random)
    {
        var (kept, last) = NsgaFronts.Of(candidates).Split(size);
        if (last is not null)
        {
            var distances = CrowdingDistance.Compute(last.ConvertAll(i => candidates[i].Objectives));
            var order = Enumerable.Range(0, last.Count).ToArray();

            // Most isolated first; equal distances in candidate order, so that every process picks the same members.
            Array.Sort(order, (a, b) =>
            {
                var c = distances[b].CompareTo(distances[a]);
                return c != 0 ? c : a.CompareTo(b);
            });
            for (var j = 0; kept.Count < size; j++)
            {
                kept.Add(last[order[j]]);
            }
        }

        return [.. kept];
    }

}

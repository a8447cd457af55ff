using Hone.Numerics;

namespace Hone.Samplers.Nsga;

/// <summary>NSGA-II survival (Deb et al. 2002): whole fronts by rank, then the most isolated members of the first front
/// that does not fit, by crowding distance; in mating, the less crowded of two parents of the same rank wins.</summary>
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

    /// <inheritdoc/>
    public double[] TieBreak(IReadOnlyList<NsgaIndividual> parents, int[] ranks)
    {
        var scores = new double[parents.Count];
        var byRank = new Dictionary<int, List<int>>();
        for (var i = 0; i < ranks.Length; i++)
        {
            if (!byRank.TryGetValue(ranks[i], out var members))
            {
                byRank[ranks[i]] = members = [];
            }

            members.Add(i);
        }

        foreach (var members in byRank.Values)
        {
            var distances = CrowdingDistance.Compute(members.ConvertAll(i => parents[i].Objectives));
            for (var j = 0; j < members.Count; j++)
            {
                scores[members[j]] = distances[j];
            }
        }

        return scores;
    }
}

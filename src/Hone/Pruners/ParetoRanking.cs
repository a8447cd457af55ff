using Hone.Numerics;

namespace Hone.Pruners;

/// <summary>
/// Orders minimized points by non-domination rank, then by crowding distance within a rank (Deb et al., "A fast and
/// elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC 2002): the order by which
/// <see cref="ParetoSuccessiveHalvingPruner"/> promotes trials.
/// </summary>
/// <remarks>
/// The crowding distance is <see cref="CrowdingDistance.ComputeSharingTies"/>, a function of a point's values and not of
/// its position in a sort: equal points get equal distances, so ties never depend on trial order, and with one objective
/// (every front made of equal values) the order is exactly the order of the values.
/// </remarks>
internal static class ParetoRanking
{
    /// <summary>How many points come strictly before <c>points[index]</c>: a lower rank, or the same rank and a larger
    /// crowding distance.</summary>
    /// <param name="points">Minimized points of one length, none with NaN.</param>
    /// <param name="index">The point judged.</param>
    /// <returns>The count of better points.</returns>
    public static int CountBetter(IReadOnlyList<double[]> points, int index)
    {
        var ranks = Pareto.Ranks(points);
        var rank = ranks[index];
        var better = 0;
        var front = new List<double[]>();
        var self = -1;
        for (var i = 0; i < points.Count; i++)
        {
            if (ranks[i] < rank)
            {
                better++;
            }
            else if (ranks[i] == rank)
            {
                if (i == index)
                {
                    self = front.Count;
                }

                front.Add(points[i]);
            }
        }

        var distances = CrowdingDistance.ComputeSharingTies(front);
        foreach (var distance in distances)
        {
            better += distance > distances[self] ? 1 : 0;
        }

        return better;
    }
}

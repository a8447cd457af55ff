using Hone.Numerics;

namespace Hone.Pruners;

/// <summary>
/// Orders minimized points by non-domination rank, then by crowding distance within a rank (Deb et al., "A fast and
/// elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC 2002): the order by which
/// <see cref="ParetoSuccessiveHalvingPruner"/> promotes trials.
/// </summary>
/// <remarks>
/// The crowding distance here is a function of a point's values, not of its position in a sort: a point whose value of
/// an objective is the lowest or highest of its front is a boundary point (infinite distance), and an inner point adds
/// the gap between the nearest <em>distinct</em> values below and above its own, over the objective's range. Equal
/// points therefore get equal distances, so ties never depend on trial order, and with one objective (every front made
/// of equal values) the order is exactly the order of the values.
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

        var distances = CrowdingDistances(front);
        foreach (var distance in distances)
        {
            better += distance > distances[self] ? 1 : 0;
        }

        return better;
    }

    /// <summary>The crowding distance of each point of one front, equal for equal points.</summary>
    /// <param name="front">Mutually non-dominated (or equal) minimized points of one length.</param>
    /// <returns>One distance per point: at least 0, infinite for boundary points.</returns>
    public static double[] CrowdingDistances(IReadOnlyList<double[]> front)
    {
        var distances = new double[front.Count];
        if (front.Count == 0)
        {
            return distances;
        }

        var values = new double[front.Count];
        for (var k = 0; k < front[0].Length; k++)
        {
            for (var i = 0; i < front.Count; i++)
            {
                values[i] = front[i][k];
            }

            var distinct = values.Distinct().Order().ToArray();
            var range = distinct[^1] - distinct[0];
            if (!(range > 0))
            {
                // An objective on which the whole front agrees tells its points apart by nothing.
                continue;
            }

            for (var i = 0; i < front.Count; i++)
            {
                var at = Array.BinarySearch(distinct, values[i]);
                if (at == 0 || at == distinct.Length - 1)
                {
                    distances[i] = double.PositiveInfinity;
                    continue;
                }

                // An infinite value makes the range infinite; the gaps of finite neighbours then add nothing.
                var gap = (distinct[at + 1] - distinct[at - 1]) / range;
                if (double.IsFinite(gap))
                {
                    distances[i] += gap;
                }
            }
        }

        return distances;
    }
}

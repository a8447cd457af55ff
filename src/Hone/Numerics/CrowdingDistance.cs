namespace Hone.Numerics;

/// <summary>The crowding distance of the points of one front: how much room each point has around it.</summary>
/// <remarks>
/// Deb et al., "A fast and elitist multiobjective genetic algorithm: NSGA-II" (IEEE TEVC 2002), section III-B: for each
/// objective, the points are sorted; the two end points get an infinite distance and every other point adds the gap
/// between its two neighbours, divided by the objective's range. An objective on which all points agree adds nothing,
/// and a gap that an infinite value makes infinite or undefined adds nothing either, so no distance is ever NaN.
/// Equal values can be treated two ways: <see cref="Compute"/> orders them by index, as the paper's sort does (the
/// deterministic choice for survival, where one of two twins should make way); <see cref="ComputeSharingTies"/> gives
/// equal values the same neighbours, so equal points get equal distances and nothing depends on their order (the
/// choice for ranking trials, where ties must not depend on trial numbers).
/// </remarks>
internal static class CrowdingDistance
{
    /// <summary>The crowding distance of each point, equal values ordered by index.</summary>
    /// <param name="points">The points, all of the same dimension.</param>
    /// <returns>One distance per point, &gt;= 0 or positive infinity.</returns>
    public static double[] Compute(IReadOnlyList<double[]> points) => ComputeCore(points, sharingTies: false);

    /// <summary>The crowding distance of each point, a value's neighbours being the nearest <em>distinct</em> values
    /// below and above it: every point that holds an objective's lowest or highest value is an end point.</summary>
    /// <param name="points">The points, all of the same dimension.</param>
    /// <returns>One distance per point, &gt;= 0 or positive infinity, equal for equal points.</returns>
    public static double[] ComputeSharingTies(IReadOnlyList<double[]> points) => ComputeCore(points, sharingTies: true);

    private static double[] ComputeCore(IReadOnlyList<double[]> points, bool sharingTies)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var distances = new double[n];
        if (n <= 2)
        {
            Array.Fill(distances, double.PositiveInfinity);
            return distances;
        }

        var order = new int[n];
        var keys = new double[n];
        var dimensions = points[0].Length;
        for (var k = 0; k < dimensions; k++)
        {
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
                keys[i] = points[i][k];
            }

            // Sorting (value, index) pairs keeps equal values in index order.
            Array.Sort(order, (a, b) =>
            {
                var c = keys[a].CompareTo(keys[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            var range = keys[order[n - 1]] - keys[order[0]];
            if (!(range > 0))
            {
                continue;
            }

            // [first, last] is the run of sorted positions whose points share one value (a single position unless
            // ties are shared); its neighbours are the positions just outside it.
            for (var first = 0; first < n;)
            {
                var last = first;
                while (sharingTies && last + 1 < n && keys[order[last + 1]] == keys[order[first]])
                {
                    last++;
                }

                var atEnd = first == 0 || last == n - 1;
                var gap = atEnd ? double.PositiveInfinity : (keys[order[last + 1]] - keys[order[first - 1]]) / range;
                for (var j = first; j <= last; j++)
                {
                    if (atEnd)
                    {
                        distances[order[j]] = double.PositiveInfinity;
                    }
                    else if (double.IsFinite(gap))
                    {
                        distances[order[j]] += gap;
                    }
                }

                first = last + 1;
            }
        }

        return distances;
    }
}

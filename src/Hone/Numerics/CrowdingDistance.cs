namespace Hone.Numerics;

/// <summary>The crowding distance of the points of one front: how much room each point has around it.</summary>
/// <remarks>
/// Deb et al., "A fast and elitist multiobjective genetic algorithm: NSGA-II" (IEEE TEVC 2002), section III-B: for each
/// objective, the points are sorted; the two end points get an infinite distance and every other point adds the gap
/// between its two neighbours, divided by the objective's range. An objective on which all points agree adds nothing.
/// Equal values are ordered by index, so the result is deterministic.
/// </remarks>
internal static class CrowdingDistance
{
    /// <summary>The crowding distance of each point.</summary>
    /// <param name="points">The points, all of the same dimension.</param>
    /// <returns>One distance per point, &gt;= 0 or positive infinity.</returns>
    public static double[] Compute(IReadOnlyList<double[]> points)
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

            distances[order[0]] = double.PositiveInfinity;
            distances[order[n - 1]] = double.PositiveInfinity;
            for (var j = 1; j < n - 1; j++)
            {
                distances[order[j]] += (keys[order[j + 1]] - keys[order[j - 1]]) / range;
            }
        }

        return distances;
    }
}

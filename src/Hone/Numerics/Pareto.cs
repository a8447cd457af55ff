namespace Hone.Numerics;

/// <summary>Pareto dominance for minimized objective vectors.</summary>
internal static class Pareto
{
    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/>: no worse in every objective, better in one.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var better = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }

            better |= a[i] < b[i];
        }

        return better;
    }

    /// <summary>The indices of the points no other point dominates, in ascending order.</summary>
    /// <remarks>
    /// Sorts lexicographically first, so a point can only be dominated by one before it, and checks each point
    /// against the front found so far: O(n·f·d) for a front of size f, instead of O(n²·d).
    /// </remarks>
    public static IReadOnlyList<int> NonDominated(IReadOnlyList<double[]> points)
    {
        var order = Enumerable.Range(0, points.Count).ToArray();
        Array.Sort(order, (x, y) =>
        {
            for (var k = 0; k < points[x].Length; k++)
            {
                var c = points[x][k].CompareTo(points[y][k]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.CompareTo(y);
        });

        var front = new List<int>();
        foreach (var i in order)
        {
            if (!front.Exists(j => Dominates(points[j], points[i])))
            {
                front.Add(i);
            }
        }

        front.Sort();
        return front;
    }
}

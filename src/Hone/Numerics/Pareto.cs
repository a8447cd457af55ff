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
        var order = LexicographicOrder(points);
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

    /// <summary>The non-domination rank of every point: 0 for the Pareto front, 1 for the front once it is removed, and so on.</summary>
    /// <remarks>
    /// Efficient non-dominated sort with binary search (Zhang et al., "An Efficient Approach to Nondominated Sorting
    /// for Evolutionary Multiobjective Optimization", IEEE TEVC 2015): after a lexicographic sort only earlier points can
    /// dominate a later one, and being dominated by some member of front k is monotone in k, so each point finds its
    /// front by binary search over the fronts built so far. Equal points share a rank.
    /// </remarks>
    public static int[] Ranks(IReadOnlyList<double[]> points)
    {
        var order = LexicographicOrder(points);
        var ranks = new int[points.Count];
        var fronts = new List<List<int>>();
        foreach (var i in order)
        {
            int low = 0, high = fronts.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (fronts[mid].Exists(j => Dominates(points[j], points[i])))
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            if (low == fronts.Count)
            {
                fronts.Add([]);
            }

            fronts[low].Add(i);
            ranks[i] = low;
        }

        return ranks;
    }

    private static int[] LexicographicOrder(IReadOnlyList<double[]> points)
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
        return order;
    }
}

namespace Hone.Numerics;

/// <summary>Evenly spread points on the unit simplex, the reference points of NSGA-III.</summary>
/// <remarks>
/// Das and Dennis, "Normal-boundary intersection" (SIAM J. Optim. 1998): every vector of <c>m</c> non-negative
/// multiples of <c>1/p</c> that sum to 1. There are C(m + p - 1, p) of them.
/// </remarks>
internal static class DasDennis
{
    /// <summary>How many points <see cref="Points"/> gives: C(m + p - 1, p), saturated at <see cref="long.MaxValue"/>.</summary>
    /// <param name="objectives">The dimension m, &gt;= 1.</param>
    /// <param name="divisions">The number of divisions p of each axis, &gt;= 0.</param>
    public static long Count(int objectives, int divisions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(divisions);

        // C(p + m - 1, m - 1) as a running product; each partial product is itself a binomial coefficient, so the
        // division is exact.
        long count = 1;
        for (var i = 1; i < objectives; i++)
        {
            var factor = divisions + i;
            if (count > long.MaxValue / factor)
            {
                return long.MaxValue;
            }

            count = count * factor / i;
        }

        return count;
    }

    /// <summary>The largest number of divisions whose point count does not exceed <paramref name="limit"/>; at least 1.</summary>
    /// <param name="objectives">The dimension m, &gt;= 1.</param>
    /// <param name="limit">The most points wanted.</param>
    public static int DivisionsFor(int objectives, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 1);
        if (objectives == 1)
        {
            return 1;
        }

        var divisions = 1;
        while (Count(objectives, divisions + 1) <= limit)
        {
            divisions++;
        }

        return divisions;
    }

    /// <summary>The points, in lexicographically decreasing order of their coordinates.</summary>
    /// <param name="objectives">The dimension m, &gt;= 1.</param>
    /// <param name="divisions">The number of divisions p, &gt;= 1.</param>
    /// <returns>C(m + p - 1, p) points whose coordinates are multiples of 1/p and sum to 1.</returns>
    public static double[][] Points(int objectives, int divisions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(divisions, 1);
        var count = Count(objectives, divisions);
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(divisions), divisions, $"{count} points are too many.");
        }

        var points = new List<double[]>((int)count);
        var counts = new int[objectives];
        Fill(points, counts, 0, divisions, divisions);
        return [.. points];
    }

    /// <summary>Distributes the <paramref name="left"/> remaining units over coordinates <paramref name="k"/> onwards.</summary>
    private static void Fill(List<double[]> points, int[] counts, int k, int left, int divisions)
    {
        if (k == counts.Length - 1)
        {
            counts[k] = left;
            var point = new double[counts.Length];
            for (var i = 0; i < point.Length; i++)
            {
                point[i] = (double)counts[i] / divisions;
            }

            points.Add(point);
            return;
        }

        for (var units = left; units >= 0; units--)
        {
            counts[k] = units;
            Fill(points, counts, k + 1, left - units, divisions);
        }
    }
}

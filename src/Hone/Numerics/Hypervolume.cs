using System.Globalization;

namespace Hone.Numerics;

/// <summary>
/// Exact hypervolume of minimized objective vectors: the measure of the region that the points dominate and the
/// reference point bounds.
/// </summary>
/// <remarks>
/// <para>Every objective is minimized. A point counts only when it is strictly better than the reference in every
/// objective; any other point (one with NaN included) bounds no region and contributes nothing.</para>
/// <para>By the number of objectives d, for n points: d = 1, the best value; d = 2, a sort and one sweep, O(n log n);
/// d = 3, a sweep along the third objective over the sorted 2-D front of the points seen so far, O(n log n) (Beume,
/// Fonseca, López-Ibáñez, Paquete, Vahrenhold, "On the complexity of computing the hypervolume indicator", IEEE TEVC
/// 2009); d ≥ 4, the WFG algorithm on the non-dominated points (While, Bradstreet, Barone, "A fast way of calculating
/// exact hypervolumes", IEEE TEVC 2012), whose points sorted by the first objective make each limited set one
/// objective shorter, down to the 3-D sweep: exponential in d in the worst case, fine for moderate sizes.</para>
/// </remarks>
internal static class Hypervolume
{
    /// <summary>The hypervolume of the points.</summary>
    /// <param name="points">The points, each with one value per objective.</param>
    /// <param name="reference">The reference point: one value per objective, worse than the points that count.</param>
    /// <returns>The hypervolume; 0 when no point is strictly better than the reference.</returns>
    /// <exception cref="ArgumentException">The reference is empty, or a point has another number of objectives.</exception>
    public static double Compute(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference)
    {
        var inside = Inside(points, reference, out var data);
        return Volume(data, inside.Length, reference.Length, reference);
    }

    /// <summary>The exclusive contribution of each point: how much the hypervolume drops when that point alone is removed.</summary>
    /// <param name="points">The points, each with one value per objective.</param>
    /// <param name="reference">The reference point.</param>
    /// <returns>One contribution per point, in order: 0 for a dominated point, for one of two equal points and for a point
    /// not strictly better than the reference.</returns>
    /// <remarks>
    /// Exactly HV(all) − HV(all but i), computed without that subtraction: the volume that point i alone dominates.
    /// Dominated points matter here, since they can cover part of the one point that dominates them. In 2-D, O(n log n):
    /// the exclusive region of a front point is the rectangle its neighbours leave, less what the points inside it
    /// cover. From 3-D, the box of point i less the hypervolume of the other points clipped to that box (the WFG limit
    /// set), first shrunk to the nearest points worse in one objective only: two O(n·d) scans per point, plus the
    /// hypervolume of the few points left near it.
    /// </remarks>
    /// <exception cref="ArgumentException">The reference is empty, or a point has another number of objectives.</exception>
    public static double[] Contributions(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference)
    {
        var inside = Inside(points, reference, out var data);
        var n = inside.Length;
        var d = reference.Length;
        var local = d switch
        {
            1 => Contributions1(data, n, reference[0]),
            2 => Contributions2(data, n, reference),
            _ => ContributionsByExclusion(data, n, d, reference),
        };
        var result = new double[points.Count];
        for (var i = 0; i < n; i++)
        {
            result[inside[i]] = local[i];
        }

        return result;
    }

    /// <summary>Greedy hypervolume subset selection: repeatedly adds the point that adds most hypervolume to those
    /// selected so far, the lowest index on a tie.</summary>
    /// <param name="points">The points, each with one value per objective.</param>
    /// <param name="count">How many to select, at most the number of points.</param>
    /// <param name="reference">The reference point.</param>
    /// <returns>The indices of the selected points, in selection order.</returns>
    /// <remarks>
    /// The hypervolume is submodular, so a point's gain can only shrink as the selection grows: a gain computed in an
    /// earlier round bounds the current one, and only the candidates that reach the top of the queue are recomputed
    /// (lazy greedy, Minoux 1978). It selects the same points as recomputing every gain every round (up to rounding in
    /// near-ties). The greedy set has at least (1 − 1/e) of the best subset's hypervolume (Nemhauser, Wolsey, Fisher 1978).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than the number of points.</exception>
    /// <exception cref="ArgumentException">The reference is empty, or a point has another number of objectives.</exception>
    public static int[] SelectGreedy(IReadOnlyList<double[]> points, int count, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (count < 0 || count > points.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                count,
                string.Create(CultureInfo.InvariantCulture, $"Can select 0 to {points.Count} of {points.Count} points, but {count} were asked for."));
        }

        var d = reference.Length;
        var inside = Inside(points, reference, out var data);
        var isInside = new int[points.Count];
        Array.Fill(isInside, -1);
        for (var i = 0; i < inside.Length; i++)
        {
            isInside[inside[i]] = i;
        }

        // Highest gain first, then lowest index: the order plain greedy breaks ties in.
        var queue = new PriorityQueue<int, (double Gain, int Index)>(
            Comparer<(double Gain, int Index)>.Create((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Index.CompareTo(b.Index)));
        var round = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            queue.Enqueue(i, (isInside[i] >= 0 ? Box(data, isInside[i] * d, d, reference) : 0, i));
        }

        var selected = new double[count * d];
        var buffer = new double[count * d];
        var chosen = new int[count];
        var inSelected = 0;
        for (var picked = 0; picked < count;)
        {
            queue.TryDequeue(out var candidate, out _);
            var row = isInside[candidate];
            if (round[candidate] == picked)
            {
                chosen[picked++] = candidate;
                if (row >= 0)
                {
                    Array.Copy(data, row * d, selected, inSelected++ * d, d);
                }

                continue;
            }

            var gain = row >= 0 ? Exclusive(data.AsSpan(row * d, d), selected, inSelected, -1, reference, buffer) : 0;
            round[candidate] = picked;
            queue.Enqueue(candidate, (gain, candidate));
        }

        return chosen;
    }

    /// <summary>The points strictly better than the reference in every objective, copied row after row into one array.</summary>
    /// <returns>Their indices in <paramref name="points"/>.</returns>
    private static int[] Inside(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference, out double[] data)
    {
        ArgumentNullException.ThrowIfNull(points);
        var d = reference.Length;
        if (d == 0)
        {
            throw new ArgumentException("The reference point needs one value per objective, but it is empty.", nameof(reference));
        }

        var indices = new List<int>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Point {i} is null."), nameof(points));
            if (point.Length != d)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Point {i} has {point.Length} objective(s), but the reference point has {d}. Give every point one value per objective."),
                    nameof(points));
            }

            var better = true;
            for (var k = 0; k < d && better; k++)
            {
                better = point[k] < reference[k];
            }

            if (better)
            {
                indices.Add(i);
            }
        }

        data = new double[indices.Count * d];
        for (var i = 0; i < indices.Count; i++)
        {
            points[indices[i]].CopyTo(data, i * d);
        }

        return [.. indices];
    }

    /// <summary>The hypervolume of <paramref name="n"/> points stored row after row, all strictly inside the reference.
    /// From 4-D it reorders the rows and keeps only the non-dominated ones, in place.</summary>
    private static double Volume(double[] data, int n, int d, ReadOnlySpan<double> reference)
    {
        if (n == 0)
        {
            return 0;
        }

        switch (d)
        {
            case 1:
                var best = data[0];
                for (var i = 1; i < n; i++)
                {
                    best = Math.Min(best, data[i]);
                }

                return reference[0] - best;
            case 2:
                return Sweep2(data, n, reference);
            case 3:
                return Sweep3(data, n, reference);
            default:
                n = KeepNonDominated(data, n, d);
                return Wfg(data, n, d, reference);
        }
    }

    /// <summary>2-D: by increasing first objective, each point that improves the second adds the rectangle between it,
    /// the previous best second value and the reference.</summary>
    private static double Sweep2(double[] data, int n, ReadOnlySpan<double> reference)
    {
        var order = Order(data, n, 2);
        double bound = reference[1], volume = 0;
        foreach (var i in order)
        {
            var y = data[(2 * i) + 1];
            if (y < bound)
            {
                volume += (reference[0] - data[2 * i]) * (bound - y);
                bound = y;
            }
        }

        return volume;
    }

    /// <summary>
    /// 3-D: sweeps the points by increasing third objective, keeping the 2-D front of the points seen so far (by
    /// increasing first objective, so decreasing second) and the area it dominates; each slab between two successive
    /// third values adds that area times its height.
    /// </summary>
    /// <remarks>
    /// The front is a <see cref="RankSet"/> over the points' ranks in the first objective (ties by the second), so
    /// finding a new point's neighbours, and removing the points it dominates, costs O(log₆₄ n) each. The area only
    /// grows, by sums of non-negative rectangles, so no cancellation creeps in.
    /// </remarks>
    private static double Sweep3(double[] data, int n, ReadOnlySpan<double> reference)
    {
        var byX = Order(data, n, 3);
        var rankOf = new int[n];
        var xs = new double[n];
        var ys = new double[n];
        for (var k = 0; k < n; k++)
        {
            rankOf[byX[k]] = k;
            xs[k] = data[3 * byX[k]];
            ys[k] = data[(3 * byX[k]) + 1];
        }

        var zs = new double[n];
        var byZ = new int[n];
        for (var i = 0; i < n; i++)
        {
            zs[i] = data[(3 * i) + 2];
            byZ[i] = i;
        }

        Array.Sort(zs, byZ);
        var front = new RankSet(n);
        double area = 0, volume = 0;
        for (var t = 0; t < n; t++)
        {
            var k = rankOf[byZ[t]];
            var y = ys[k];
            var previous = front.Previous(k - 1);
            if (previous < 0 || ys[previous] > y)
            {
                // Not dominated: it covers, at heights from its y up to the staircase, each step it reaches.
                var left = xs[k];
                var top = previous < 0 ? reference[1] : ys[previous];
                var next = front.Next(k + 1);
                while (next >= 0 && ys[next] >= y)
                {
                    area += (xs[next] - left) * (top - y);
                    (left, top) = (xs[next], ys[next]);
                    front.Remove(next);
                    next = front.Next(next + 1);
                }

                area += ((next >= 0 ? xs[next] : reference[0]) - left) * (top - y);
                front.Add(k);
            }

            volume += area * ((t + 1 < n ? zs[t + 1] : reference[2]) - zs[t]);
        }

        return volume;
    }

    /// <summary>
    /// WFG for d ≥ 4 objectives on non-dominated points: the sum of each point's volume exclusive of the points after it,
    /// each point's exclusive volume being its box less the hypervolume of the later points clipped to it (its limit set).
    /// </summary>
    /// <remarks>
    /// Sorted by decreasing first objective, every later point is no worse in that objective, so the limit set shares
    /// the point's own first value: the exclusive volume is that value's extent times a (d − 1)-objective exclusive
    /// volume, and the recursion loses one objective at each level.
    /// </remarks>
    private static double Wfg(double[] data, int n, int d, ReadOnlySpan<double> reference)
    {
        var keys = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = -data[i * d];
            order[i] = i;
        }

        Array.Sort(keys, order);
        var tail = reference[1..];
        var e = d - 1;
        var limited = new double[Math.Max(n - 1, 0) * e];
        var volume = 0.0;
        for (var a = 0; a < n; a++)
        {
            var p = order[a] * d;
            var m = 0;
            for (var b = a + 1; b < n; b++)
            {
                var q = order[b] * d;
                for (var k = 1; k < d; k++)
                {
                    limited[(m * e) + k - 1] = Math.Max(data[q + k], data[p + k]);
                }

                m++;
            }

            var exclusive = Box(data, p + 1, e, tail) - Volume(limited, m, e, tail);
            volume += (reference[0] - data[p]) * Math.Max(exclusive, 0);
        }

        return volume;
    }

    /// <summary>The exclusive volume of one point relative to other points (all rows but <paramref name="skip"/>): its
    /// box less the hypervolume of the others clipped to it (the WFG limit set).</summary>
    /// <remarks>
    /// A point worse than this one in a single objective k covers the whole box beyond its value in k: a wall. A first
    /// pass moves the box's far corner to the nearest wall in each objective, and the second keeps only the clipped
    /// points that still lie inside that smaller box. Among points spread along a front, the walls close in around the
    /// point's neighbours, so the hypervolume left to compute is of a few points, not of all of them.
    /// </remarks>
    private static double Exclusive(ReadOnlySpan<double> point, double[] others, int count, int skip, ReadOnlySpan<double> reference, double[] buffer)
    {
        var d = point.Length;
        Span<double> bound = d <= 32 ? stackalloc double[d] : new double[d];
        reference.CopyTo(bound);
        for (var j = 0; j < count; j++)
        {
            if (j == skip)
            {
                continue;
            }

            var row = j * d;
            var worse = 0;
            var axis = 0;
            for (var k = 0; k < d; k++)
            {
                if (others[row + k] > point[k])
                {
                    worse++;
                    axis = k;
                }
            }

            if (worse == 0)
            {
                // Another point as good everywhere leaves this one nothing of its own.
                return 0;
            }

            if (worse == 1)
            {
                bound[axis] = Math.Min(bound[axis], others[row + axis]);
            }
        }

        var m = 0;
        for (var j = 0; j < count; j++)
        {
            if (j == skip)
            {
                continue;
            }

            var row = j * d;
            var inside = true;
            for (var k = 0; k < d && inside; k++)
            {
                var value = Math.Max(others[row + k], point[k]);
                inside = value < bound[k];
                buffer[(m * d) + k] = value;
            }

            if (inside)
            {
                m++;
            }
        }

        var box = 1.0;
        for (var k = 0; k < d; k++)
        {
            box *= bound[k] - point[k];
        }

        return Math.Max(box - Volume(buffer, m, d, bound), 0);
    }

    private static double[] Contributions1(double[] data, int n, double reference)
    {
        var result = new double[n];
        if (n == 0)
        {
            return result;
        }

        var best = 0;
        var second = reference;
        for (var i = 1; i < n; i++)
        {
            if (data[i] < data[best])
            {
                second = data[best];
                best = i;
            }
            else
            {
                second = Math.Min(second, data[i]);
            }
        }

        result[best] = second - data[best];
        return result;
    }

    /// <summary>
    /// 2-D: front point i owns the rectangle from itself to the next front point's first value and the previous one's
    /// second value; the dominated points inside it (dominated by i alone) cover part of it, measured by a 2-D sweep
    /// against the rectangle's far corner. Every other point dominated by no one but i lies in that rectangle.
    /// </summary>
    private static double[] Contributions2(double[] data, int n, ReadOnlySpan<double> reference)
    {
        var order = Order(data, n, 2);
        var isFront = new bool[n];
        var front = new List<int>();
        var bound = reference[1];
        foreach (var i in order)
        {
            if (data[(2 * i) + 1] < bound)
            {
                isFront[i] = true;
                front.Add(i);
                bound = data[(2 * i) + 1];
            }
        }

        var right = new double[front.Count];
        var top = new double[front.Count];
        var covered = new double[front.Count];
        for (var j = 0; j < front.Count; j++)
        {
            right[j] = j + 1 < front.Count ? data[2 * front[j + 1]] : reference[0];
            top[j] = j > 0 ? data[(2 * front[j - 1]) + 1] : reference[1];
        }

        var heights = (double[])top.Clone();
        var owner = -1;
        foreach (var i in order)
        {
            if (isFront[i])
            {
                owner++;
                continue;
            }

            // In the sort order, the owner's rectangle is the last front point's: it is no worse in the first objective.
            var y = data[(2 * i) + 1];
            if (y < heights[owner])
            {
                covered[owner] += (right[owner] - data[2 * i]) * (heights[owner] - y);
                heights[owner] = y;
            }
        }

        var result = new double[n];
        for (var j = 0; j < front.Count; j++)
        {
            var i = front[j];
            var rectangle = (right[j] - data[2 * i]) * (top[j] - data[(2 * i) + 1]);
            result[i] = Math.Max(rectangle - covered[j], 0);
        }

        return result;
    }

    private static double[] ContributionsByExclusion(double[] data, int n, int d, ReadOnlySpan<double> reference)
    {
        var result = new double[n];
        var buffer = new double[Math.Max(n - 1, 0) * d];
        for (var i = 0; i < n; i++)
        {
            result[i] = Exclusive(data.AsSpan(i * d, d), data, n, i, reference, buffer);
        }

        return result;
    }

    /// <summary>The rows in increasing order of the first objective, ties by the second.</summary>
    private static int[] Order(double[] data, int n, int d)
    {
        var keys = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = data[i * d];
            order[i] = i;
        }

        Array.Sort(keys, order);
        double[]? seconds = null;
        var start = 0;
        for (var i = 1; i <= n; i++)
        {
            if (i < n && keys[i] == keys[start])
            {
                continue;
            }

            if (i - start > 1)
            {
                seconds ??= new double[n];
                for (var j = start; j < i; j++)
                {
                    seconds[j] = data[(order[j] * d) + 1];
                }

                Array.Sort(seconds, order, start, i - start);
            }

            start = i;
        }

        return order;
    }

    /// <summary>Keeps, at the front of <paramref name="data"/>, one copy of each non-dominated row; returns their count.</summary>
    /// <remarks>In lexicographic order a row can only be weakly dominated by one before it, so each row is checked
    /// against the rows kept so far: O(n·f·d) for f kept rows.</remarks>
    private static int KeepNonDominated(double[] data, int n, int d)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            for (var k = 0; k < d; k++)
            {
                var c = data[(a * d) + k].CompareTo(data[(b * d) + k]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.CompareTo(b);
        });
        var kept = new int[n];
        var f = 0;
        foreach (var i in order)
        {
            var dominated = false;
            for (var j = f - 1; j >= 0 && !dominated; j--)
            {
                dominated = WeaklyDominates(data, kept[j] * d, i * d, d);
            }

            if (!dominated)
            {
                kept[f++] = i;
            }
        }

        var copy = new double[f * d];
        for (var j = 0; j < f; j++)
        {
            Array.Copy(data, kept[j] * d, copy, j * d, d);
        }

        copy.CopyTo(data, 0);
        return f;
    }

    private static bool WeaklyDominates(double[] data, int a, int b, int d)
    {
        for (var k = 0; k < d; k++)
        {
            if (data[a + k] > data[b + k])
            {
                return false;
            }
        }

        return true;
    }

    private static double Box(double[] data, int offset, int d, ReadOnlySpan<double> reference)
    {
        var volume = 1.0;
        for (var k = 0; k < d; k++)
        {
            volume *= reference[k] - data[offset + k];
        }

        return volume;
    }
}

using System.Globalization;
using Hone.Numerics;

namespace Hone.Samplers.Nsga;

/// <summary>
/// NSGA-III survival (Deb and Jain, "An evolutionary many-objective optimization algorithm using reference-point-based
/// nondominated sorting approach, part I", IEEE TEVC 2014): whole fronts by rank; then, in objectives normalized by the
/// ideal point and the intercepts of the hyperplane through the extreme points, each candidate joins its nearest
/// reference line, and the first front that does not fit fills the reference points with the fewest members first.
/// </summary>
internal sealed class ReferencePointSurvival : INsgaSurvival
{
    /// <summary>The most reference points accepted, so that a large number of divisions fails clearly instead of
    /// exhausting memory.</summary>
    internal const int MaxPoints = 100_000;

    /// <summary>The weight of the other axes in the achievement scalarizing function that finds extreme points.</summary>
    private const double OffAxisWeight = 1e-6;

    /// <summary>Intercepts below this are degenerate: the fallback to the nadir point takes over.</summary>
    private const double MinIntercept = 1e-10;

    private readonly double[][]? _given;
    private readonly int? _divisions;
    private readonly int _populationSize;
    private int _objectives = -1;
    private double[][] _directions = [];

    /// <summary>Takes validated options.</summary>
    public ReferencePointSurvival(NsgaIIISamplerOptions options)
    {
        _given = options.ReferencePoints?.Select(p => p.ToArray()).ToArray();
        _divisions = options.Divisions;
        _populationSize = options.PopulationSize;
    }

    /// <summary>The reference points in use, for tests.</summary>
    internal double[][] Points { get; private set; } = [];

    /// <inheritdoc/>
    public void Prepare(int objectives)
    {
        if (objectives == _objectives)
        {
            return;
        }

        double[][] points;
        if (_given is not null)
        {
            if (_given[0].Length != objectives)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"NsgaIIISamplerOptions.ReferencePoints has points of {_given[0].Length} coordinates, but the study has {objectives} objectives. Give one coordinate per objective, or leave ReferencePoints null for Das–Dennis points."));
            }

            points = _given;
        }
        else
        {
            var divisions = _divisions ?? DasDennis.DivisionsFor(objectives, _populationSize);
            var count = DasDennis.Count(objectives, divisions);
            if (count > MaxPoints)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"NsgaIIISamplerOptions.Divisions = {divisions} gives {(count == long.MaxValue ? "more than 2^63" : count.ToString(CultureInfo.InvariantCulture))} reference points for {objectives} objectives, more than the {MaxPoints} allowed. Use fewer divisions."));
            }

            points = DasDennis.Points(objectives, divisions);
        }

        _directions = new double[points.Length][];
        for (var j = 0; j < points.Length; j++)
        {
            var norm = Math.Sqrt(points[j].Sum(v => v * v));
            _directions[j] = points[j].Select(v => v / norm).ToArray();
        }

        Points = points;
        _objectives = objectives;
    }

    /// <inheritdoc/>
    public int[] Select(IReadOnlyList<NsgaIndividual> candidates, int size, ref SplitMix64 random)
    {
        var fronts = NsgaFronts.Of(candidates);
        var (kept, last) = fronts.Split(size);
        if (last is null)
        {
            return [.. kept];
        }

        // S_t: the kept members and the last front; only they shape the normalization and the niches.
        var members = new List<int>(kept.Count + last.Count);
        members.AddRange(kept);
        members.AddRange(last);
        var normalized = Normalize(members.ConvertAll(i => candidates[i].Objectives), members.ConvertAll(i => fronts.Ranks[i] == fronts.Ranks[members[0]]));

        var niche = new int[_directions.Length];
        var distance = new double[members.Count];
        var line = new int[members.Count];
        for (var s = 0; s < members.Count; s++)
        {
            (line[s], distance[s]) = Nearest(normalized[s]);
            if (s < kept.Count)
            {
                niche[line[s]]++;
            }
        }

        // The last front's members by reference line, in candidate order.
        var waiting = new List<int>?[_directions.Length];
        for (var s = kept.Count; s < members.Count; s++)
        {
            (waiting[line[s]] ??= []).Add(s);
        }

        var open = new List<int>();
        for (var j = 0; j < waiting.Length; j++)
        {
            if (waiting[j] is not null)
            {
                open.Add(j);
            }
        }

        var fewest = new List<int>();
        while (kept.Count < size)
        {
            var least = int.MaxValue;
            fewest.Clear();
            foreach (var j in open)
            {
                if (niche[j] < least)
                {
                    least = niche[j];
                    fewest.Clear();
                }

                if (niche[j] == least)
                {
                    fewest.Add(j);
                }
            }

            var chosen = fewest[Pick(fewest.Count, ref random)];
            var queue = waiting[chosen]!;
            var at = 0;
            if (niche[chosen] == 0)
            {
                // An empty niche takes the member closest to its line; others a random one.
                for (var q = 1; q < queue.Count; q++)
                {
                    if (distance[queue[q]] < distance[queue[at]])
                    {
                        at = q;
                    }
                }
            }
            else
            {
                at = Pick(queue.Count, ref random);
            }

            kept.Add(members[queue[at]]);
            queue.RemoveAt(at);
            niche[chosen]++;
            if (queue.Count == 0)
            {
                open.Remove(chosen);
            }
        }

        return [.. kept];
    }

    /// <summary>
    /// Translates the points by the ideal point and divides each objective by its intercept: the hyperplane through the
    /// extreme points (those of smallest achievement scalarizing function along each axis) cuts the axes there. When
    /// that plane is degenerate (extreme points linearly dependent, or an intercept that is not positive), the
    /// intercepts are the worst values of the first front instead, then of all points (Blank, Deb and Roy, EMO 2019).
    /// </summary>
    private static double[][] Normalize(List<double[]> points, List<bool> first)
    {
        var m = points[0].Length;
        var ideal = new double[m];
        Array.Fill(ideal, double.PositiveInfinity);
        foreach (var p in points)
        {
            for (var k = 0; k < m; k++)
            {
                ideal[k] = Math.Min(ideal[k], p[k]);
            }
        }

        var translated = points.ConvertAll(p =>
        {
            var t = new double[m];
            for (var k = 0; k < m; k++)
            {
                t[k] = p[k] - ideal[k];
            }

            return t;
        });

        var intercepts = Intercepts(translated);
        if (intercepts is null)
        {
            intercepts = new double[m];
            for (var k = 0; k < m; k++)
            {
                double front = 0, all = 0;
                for (var s = 0; s < translated.Count; s++)
                {
                    all = Math.Max(all, translated[s][k]);
                    if (first[s])
                    {
                        front = Math.Max(front, translated[s][k]);
                    }
                }

                intercepts[k] = front > MinIntercept ? front : all > MinIntercept ? all : 1;
            }
        }

        foreach (var t in translated)
        {
            for (var k = 0; k < m; k++)
            {
                t[k] /= intercepts[k];
            }
        }

        return [.. translated];
    }

    /// <summary>The intercepts of the hyperplane through the extreme points, or null when it is degenerate.</summary>
    private static double[]? Intercepts(List<double[]> translated)
    {
        var m = translated[0].Length;
        var extremes = new double[m][];
        for (var axis = 0; axis < m; axis++)
        {
            var best = double.PositiveInfinity;
            foreach (var t in translated)
            {
                var asf = 0.0;
                for (var k = 0; k < m; k++)
                {
                    asf = Math.Max(asf, t[k] / (k == axis ? 1 : OffAxisWeight));
                }

                if (asf < best)
                {
                    best = asf;
                    extremes[axis] = t;
                }
            }
        }

        // The plane b·x = 1 through the extreme points: solve E b = 1; the intercept on axis k is 1 / b_k.
        var b = Solve(extremes);
        if (b is null)
        {
            return null;
        }

        var intercepts = new double[m];
        for (var k = 0; k < m; k++)
        {
            intercepts[k] = 1 / b[k];
            if (!(intercepts[k] > MinIntercept) || !double.IsFinite(intercepts[k]))
            {
                return null;
            }
        }

        return intercepts;
    }

    /// <summary>Solves rows·x = 1 by Gaussian elimination with partial pivoting; null when the rows are (nearly) dependent.</summary>
    private static double[]? Solve(double[][] rows)
    {
        var m = rows.Length;
        var a = new double[m, m + 1];
        var scale = 0.0;
        for (var r = 0; r < m; r++)
        {
            for (var c = 0; c < m; c++)
            {
                a[r, c] = rows[r][c];
                scale = Math.Max(scale, Math.Abs(rows[r][c]));
            }

            a[r, m] = 1;
        }

        for (var c = 0; c < m; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < m; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            if (!(Math.Abs(a[pivot, c]) > 1e-12 * scale))
            {
                return null;
            }

            for (var k = c; k <= m; k++)
            {
                (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            }

            for (var r = 0; r < m; r++)
            {
                if (r == c)
                {
                    continue;
                }

                var factor = a[r, c] / a[c, c];
                for (var k = c; k <= m; k++)
                {
                    a[r, k] -= factor * a[c, k];
                }
            }
        }

        var x = new double[m];
        for (var r = 0; r < m; r++)
        {
            x[r] = a[r, m] / a[r, r];
        }

        return x;
    }

    /// <summary>The reference line nearest to a normalized point, and the perpendicular distance to it.</summary>
    private (int Line, double Distance) Nearest(double[] point)
    {
        var squared = 0.0;
        foreach (var v in point)
        {
            squared += v * v;
        }

        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var j = 0; j < _directions.Length; j++)
        {
            var direction = _directions[j];
            var along = 0.0;
            for (var k = 0; k < direction.Length; k++)
            {
                along += direction[k] * point[k];
            }

            var distance = squared - (along * along);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = j;
            }
        }

        return (best, Math.Sqrt(Math.Max(bestDistance, 0)));
    }

    private static int Pick(int count, ref SplitMix64 random) => Math.Min((int)(random.NextDouble() * count), count - 1);
}

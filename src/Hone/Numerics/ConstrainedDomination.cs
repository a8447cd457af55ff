namespace Hone.Numerics;

/// <summary>Pareto dominance of minimized objective vectors under constraints, by total constraint violation.</summary>
/// <remarks>
/// Deb, "An efficient constraint handling method for genetic algorithms" (CMAME 2000), as used by NSGA-II: a feasible
/// point (violation 0) dominates an infeasible one; of two infeasible points the one of smaller violation dominates;
/// two feasible points compare by Pareto dominance.
/// </remarks>
internal static class ConstrainedDomination
{
    /// <summary>Whether point a, of violation <paramref name="violationA"/>, constrained-dominates point b.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB)
    {
        if (violationA > 0 || violationB > 0)
        {
            return violationA < violationB;
        }

        return Pareto.Dominates(a, b);
    }

    /// <summary>The non-domination rank of every point under constrained domination.</summary>
    /// <param name="points">The minimized objective vectors.</param>
    /// <param name="violations">The total violation of each point: 0 when feasible, &gt; 0 otherwise.</param>
    /// <returns>The feasible points' Pareto ranks (0 for their front), then one rank per distinct violation of the
    /// infeasible points, in increasing violation: equal violations share a rank.</returns>
    public static int[] Ranks(IReadOnlyList<double[]> points, IReadOnlyList<double> violations)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(violations);
        if (points.Count != violations.Count)
        {
            throw new ArgumentException($"Got {points.Count} points but {violations.Count} violations.", nameof(violations));
        }

        var feasible = new List<int>(points.Count);
        var infeasible = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            (violations[i] > 0 ? infeasible : feasible).Add(i);
        }

        var ranks = new int[points.Count];
        var next = 0;
        if (feasible.Count > 0)
        {
            var feasiblePoints = new double[feasible.Count][];
            for (var i = 0; i < feasible.Count; i++)
            {
                feasiblePoints[i] = points[feasible[i]];
            }

            var feasibleRanks = Pareto.Ranks(feasiblePoints);
            for (var i = 0; i < feasible.Count; i++)
            {
                ranks[feasible[i]] = feasibleRanks[i];
                next = Math.Max(next, feasibleRanks[i] + 1);
            }
        }

        infeasible.Sort((a, b) => violations[a].CompareTo(violations[b]));
        for (var i = 0; i < infeasible.Count; i++)
        {
            if (i > 0 && violations[infeasible[i]] > violations[infeasible[i - 1]])
            {
                next++;
            }

            ranks[infeasible[i]] = next;
        }

        return ranks;
    }
}

using Hone.Numerics;

namespace Hone.Samplers.Nsga;

/// <summary>Candidates grouped by constrained non-domination rank, and how many whole fronts fit a population.</summary>
internal sealed class NsgaFronts
{
    private NsgaFronts(int[] ranks, List<List<int>> fronts)
    {
        Ranks = ranks;
        Fronts = fronts;
    }

    /// <summary>Each candidate's rank.</summary>
    public int[] Ranks { get; }

    /// <summary>The candidates' indices, front by front, in index order within a front.</summary>
    public List<List<int>> Fronts { get; }

    /// <summary>Sorts candidates by constrained domination (<see cref="ConstrainedDomination"/>).</summary>
    public static NsgaFronts Of(IReadOnlyList<NsgaIndividual> candidates)
    {
        var points = new double[candidates.Count][];
        var violations = new double[candidates.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = candidates[i].Objectives;
            violations[i] = candidates[i].Violation;
        }

        var ranks = ConstrainedDomination.Ranks(points, violations);
        var fronts = new List<List<int>>();
        for (var i = 0; i < ranks.Length; i++)
        {
            while (fronts.Count <= ranks[i])
            {
                fronts.Add([]);
            }

            fronts[ranks[i]].Add(i);
        }

        return new NsgaFronts(ranks, fronts);
    }

    /// <summary>The members of the whole fronts that fit into <paramref name="size"/>, and the first front that does not
    /// fit whole (null when the whole fronts fill it exactly).</summary>
    public (List<int> Kept, List<int>? Last) Split(int size)
    {
        var kept = new List<int>(size);
        foreach (var front in Fronts)
        {
            if (kept.Count + front.Count > size)
            {
                return (kept, front);
            }

            kept.AddRange(front);
            if (kept.Count == size)
            {
                break;
            }
        }

        return (kept, null);
    }

    /// <summary>The crowding distance of each candidate within its own front, for mating tournaments.</summary>
    public double[] Crowding(IReadOnlyList<NsgaIndividual> candidates)
    {
        var distances = new double[Ranks.Length];
        foreach (var front in Fronts)
        {
            var within = CrowdingDistance.Compute(front.ConvertAll(i => candidates[i].Objectives));
            for (var j = 0; j < front.Count; j++)
            {
                distances[front[j]] = within[j];
            }
        }

        return distances;
    }
}

using Hone.Numerics;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// The intermediate vectors of a study's complete trials, step by step, with their non-dominated fronts and the
/// median of their ranks, kept up to date incrementally (<see cref="CompletedTrials"/>): a step's fronts are sorted
/// again only after a trial that reported it completes.
/// </summary>
/// <remarks>Thread-safe. Vectors with a NaN value are left out: they count neither as points nor as reports.</remarks>
internal sealed class CompletedFronts : CompletedTrials
{
    private readonly Dictionary<int, StepFronts> _bySteps = [];

    /// <summary>Whether a point's rank among the complete trials' fronts at a step is worse than the median of their
    /// ranks; <see langword="false"/> when fewer than <paramref name="minTrials"/> trials reported a vector there.</summary>
    /// <param name="step">The step.</param>
    /// <param name="point">A minimized point without NaN.</param>
    /// <param name="minTrials">The fewest points that make a median, at least 1.</param>
    /// <returns>Whether the point ranks strictly below the median.</returns>
    public bool IsWorseThanMedian(int step, double[] point, int minTrials)
    {
        lock (Gate)
        {
            if (!_bySteps.TryGetValue(step, out var fronts) || fronts.Points.Count < Math.Max(minTrials, 1))
            {
                return false;
            }

            fronts.Sort();
            return fronts.RankOf(point) > fronts.MedianRank;
        }
    }

    /// <inheritdoc/>
    protected override void Clear() => _bySteps.Clear();

    /// <inheritdoc/>
    protected override void Add(FrozenTrial trial, Study study)
    {
        foreach (var step in trial.IntermediateValues.Keys)
        {
            if (ParetoPoints.At(trial, step, study.Directions) is not { } point || ParetoPoints.HasNaN(point))
            {
                continue;
            }

            if (!_bySteps.TryGetValue(step, out var fronts))
            {
                fronts = new StepFronts();
                _bySteps[step] = fronts;
            }

            fronts.Add(point);
        }
    }

    /// <summary>The points of one step and, once sorted, their fronts and median rank.</summary>
    private sealed class StepFronts
    {
        private List<List<double[]>>? _fronts;

        public List<double[]> Points { get; } = [];

        public double MedianRank { get; private set; }

        public void Add(double[] point)
        {
            Points.Add(point);
            _fronts = null;
        }

        /// <summary>Sorts the points into fronts, unless no point came since the last sort.</summary>
        public void Sort()
        {
            if (_fronts is not null)
            {
                return;
            }

            var ranks = Pareto.Ranks(Points);
            _fronts = [];
            for (var i = 0; i < ranks.Length; i++)
            {
                while (_fronts.Count <= ranks[i])
                {
                    _fronts.Add([]);
                }

                _fronts[ranks[i]].Add(Points[i]);
            }

            Array.Sort(ranks);
            var middle = ranks.Length / 2;
            MedianRank = ranks.Length % 2 == 1 ? ranks[middle] : (ranks[middle - 1] + ranks[middle]) / 2.0;
        }

        /// <summary>The rank the point would take among these points: the first front none of whose members dominates it.</summary>
        /// <remarks>A point dominated by a member of front k is dominated by a member of every front before k (each
        /// member of front k is dominated by one of front k - 1), so the first such front is found by binary search.</remarks>
        public int RankOf(double[] point)
        {
            int low = 0, high = _fronts!.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (_fronts[middle].Exists(member => Pareto.Dominates(member, point)))
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}

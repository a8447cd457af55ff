using Hone.Numerics;
using Hone.Samplers;
using Hone.Samplers.Tpe;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.Tpe;

/// <summary>TpeSampler on studies with several objectives (MOTPE).</summary>
public class MultiObjectiveTpeSamplerTests
{
    private const int Seeds = 7;
    private const int Budget = 80;
    private static readonly StudyDirection[] TwoMinimized = [StudyDirection.Minimize, StudyDirection.Minimize];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Optimize_TwoObjectives_BeatsRandomSamplerInMedianHypervolume(bool multivariate)
    {
        var tpe = MedianHypervolume(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = multivariate }));
        var random = MedianHypervolume(seed => new RandomSampler(seed));

        Assert.True(tpe > random, $"TPE median hypervolume {tpe} vs random {random}");
    }

    [Fact]
    public void Optimize_SameSeed_ProposesTheSameTrials()
    {
        static IReadOnlyList<double> Twice() => Run(new TpeSampler(new TpeSamplerOptions { Seed = 5 }), Budget / 2)
            .Trials.SelectMany(t => t.Values!).ToList();

        Assert.Equal(Twice(), Twice());
    }

    [Fact]
    public void Optimize_MaximizedObjective_ImprovesInItsDirection()
    {
        // The same problem with the second objective negated and maximized: TPE must chase large values of it.
        static IReadOnlyList<double> Negated(Trial trial)
        {
            var values = Schaffer(trial);
            return [values[0], -values[1]];
        }

        var late = new List<double>();
        var early = new List<double>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var study = Study.Create(new StudyOptions
            {
                Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
                Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
            });
            study.Optimize(Negated, new OptimizeOptions { Trials = Budget, ShowProgress = false });
            early.AddRange(study.Trials.Take(10).Select(t => t.Values![1]));
            late.AddRange(study.Trials.Skip(Budget - 20).Select(t => t.Values![1]));
        }

        Assert.True(Median(late) > Median(early), $"late median {Median(late)} vs random start {Median(early)}");
    }

    [Fact]
    public void Optimize_TwoObjectivesWithConstraints_SteersTowardsTheFeasibleRegion()
    {
        // Feasible: x0 >= 0.6, 40% of the box; the unconstrained front reaches down to x0 = 0.
        var feasible = new List<double>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var study = Study.Create(new StudyOptions
            {
                Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
                Directions = TwoMinimized,
                Constraints = t => [0.6 - (double)t.Params["x0"]!],
            });
            study.Optimize(Zdt1, new OptimizeOptions { Trials = Budget, ShowProgress = false });
            feasible.Add(study.Trials.Skip(Budget - 20).Count(t => t.IsFeasible));
        }

        // Random sampling would make 8 of the last 20 feasible.
        Assert.True(Median(feasible) >= 12, $"median feasible late proposals {Median(feasible)} of 20");
    }

    [Fact]
    public void Optimize_TwoObjectivesWithPrunedAndFailedTrials_KeepsProposing()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, StartupTrials = 5 }),
            Directions = TwoMinimized,
        });

        study.Optimize(
            t =>
            {
                var values = Schaffer(t);
                return t.Number % 4 == 1 ? throw new TrialPrunedException()
                    : t.Number % 6 == 2 ? throw new InvalidOperationException("failed on purpose")
                    : values;
            },
            new OptimizeOptions { Trials = 30, ShowProgress = false, Catch = [typeof(InvalidOperationException)] });

        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
        Assert.Contains(study.Trials, t => t.State == TrialState.Failed);
        Assert.True(study.GetTrials(TrialState.Complete).Count >= 15);
    }

    private static double MedianHypervolume(Func<int, ISampler> create)
    {
        var volumes = new List<double>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var front = Run(create(seed), Budget).BestTrials.Select(t => t.Values!.ToArray()).ToList();
            volumes.Add(Hypervolume.Compute(front, [1.1, 11]));
        }

        return Median(volumes);
    }

    private static Study Run(ISampler sampler, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler, Directions = TwoMinimized });
        study.Optimize(Zdt1, new OptimizeOptions { Trials = trials, ShowProgress = false });
        return study;
    }

    /// <summary>ZDT1 (Zitzler, Deb and Thiele 2000) on five variables: the front is f2 = 1 − √f1 where x1..x4 = 0.</summary>
    private static IReadOnlyList<double> Zdt1(Trial trial)
    {
        var f1 = trial.SuggestFloat("x0", 0, 1);
        var sum = 0.0;
        for (var i = 1; i < 5; i++)
        {
            sum += trial.SuggestFloat($"x{i}", 0, 1);
        }

        var g = 1 + (9 * sum / 4);
        return [f1, g * (1 - Math.Sqrt(f1 / g))];
    }

    /// <summary>Schaffer's problem N.1 over one variable: the front is x in [0, 2].</summary>
    private static IReadOnlyList<double> Schaffer(Trial trial)
    {
        var x = trial.SuggestFloat("x", -10, 10);
        return [x * x, (x - 2) * (x - 2)];
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

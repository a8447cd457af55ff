using Hone.Distributions;
using Hone.Samplers;
using Hone.Samplers.Tpe;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.Tpe;

public class TpeSamplerTests
{
    private const int Seeds = 7;
    private const int Budget = 60;

    public static TheoryData<string, TpeSamplerOptions> InvalidOptions => new()
    {
        { "EiCandidates", new TpeSamplerOptions { EiCandidates = 0 } },
        { "StartupTrials", new TpeSamplerOptions { StartupTrials = -1 } },
        { "PriorWeight", new TpeSamplerOptions { PriorWeight = 0 } },
        { "PriorWeight", new TpeSamplerOptions { PriorWeight = double.NaN } },
        { "HypervolumeWeighting", new TpeSamplerOptions { HypervolumeWeighting = -0.1 } },
        { "HypervolumeWeighting", new TpeSamplerOptions { HypervolumeWeighting = 1.5 } },
        { "HypervolumeWeighting", new TpeSamplerOptions { HypervolumeWeighting = double.NaN } },
        { "Group", new TpeSamplerOptions { Group = true } },
        { "Gamma", new TpeSamplerOptions { Gamma = _ => 0 } },
        { "Gamma", new TpeSamplerOptions { Gamma = null! } },
        { "Weights", new TpeSamplerOptions { Weights = null! } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(string option, TpeSamplerOptions options)
    {
        var error = Assert.Throws<ArgumentException>(() => new TpeSampler(options));

        Assert.Contains($"TpeSamplerOptions.{option}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_KeepsTheValuesItWasBuiltWith()
    {
        var options = new TpeSamplerOptions { Seed = 3 };
        var sampler = new TpeSampler(options);
        options.StartupTrials = 29;
        options.Multivariate = true;

        Assert.Equal(Best(new TpeSampler(new TpeSamplerOptions { Seed = 3 }), Quadratic, 30), Best(sampler, Quadratic, 30));
    }

    [Fact]
    public void Optimize_GammaTurnsNonPositive_FailsWithAClearError()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Gamma = n => n < 12 ? 1 : 0 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });

        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(Quadratic, new OptimizeOptions { Trials = 20, ShowProgress = false }));

        Assert.Contains("TpeSamplerOptions.Gamma must return at least 1, but returned 0 for 12 finished trials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_WeightsOfTheWrongLength_FailsWithAClearError()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Weights = n => new double[n + 1] });
        var study = Study.Create(new StudyOptions { Sampler = sampler });

        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(Quadratic, new OptimizeOptions { Trials = 15, ShowProgress = false }));

        Assert.Contains("TpeSamplerOptions.Weights must return", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_Quadratic2D_BeatsRandomSamplerInMedian()
    {
        var tpe = MedianBest(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }), Quadratic);
        var random = MedianBest(seed => new RandomSampler(seed), Quadratic);

        Assert.True(tpe < random / 2, $"TPE median {tpe} vs random {random}");
    }

    [Fact]
    public void Optimize_Branin_BeatsRandomSamplerInMedian()
    {
        var tpe = MedianBest(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }), Branin);
        var random = MedianBest(seed => new RandomSampler(seed), Branin);

        Assert.True(tpe < random, $"TPE median {tpe} vs random {random}");
    }

    [Fact]
    public void Optimize_Maximizing_BeatsRandomSamplerInMedian()
    {
        static double Objective(Trial t) => -Quadratic(t);
        var tpe = MedianBest(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }), Objective, StudyDirection.Maximize);
        var random = MedianBest(seed => new RandomSampler(seed), Objective, StudyDirection.Maximize);

        Assert.True(tpe > random, $"TPE median {tpe} vs random {random}");
    }

    [Fact]
    public void Optimize_RotatedEllipsoid_MultivariateBeatsRandomSamplerInMedian()
    {
        // x and y matter only through x − y and x + y, with a 100:1 ratio. Multivariate TPE with Optuna 3.1's bandwidth
        // (0.2·n^(−1/(d+4)) of the range) does not beat univariate TPE here within 150 trials, in Hone as in Optuna 3.1,
        // so the test holds it to the random baseline only.
        static double Ellipsoid(Trial t)
        {
            var x = t.SuggestFloat("x", -5, 5);
            var y = t.SuggestFloat("y", -5, 5);
            var u = (x - y) / Math.Sqrt(2);
            var v = (x + y - 2) / Math.Sqrt(2);
            return (100 * u * u) + (v * v);
        }

        var multivariate = MedianBest(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true }), Ellipsoid);
        var random = MedianBest(seed => new RandomSampler(seed), Ellipsoid);

        Assert.True(multivariate < random, $"multivariate median {multivariate} vs random {random}");
    }

    [Fact]
    public void Optimize_CategoricalOnly_ConvergesOnTheBestChoice()
    {
        var choices = Enumerable.Range(0, 8).Select(i => $"c{i}").ToArray();
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 4 }) });

        study.Optimize(
            t => Math.Abs(Array.IndexOf(choices, t.SuggestCategorical("a", choices)) - 5)
                + Math.Abs(Array.IndexOf(choices, t.SuggestCategorical("b", choices)) - 2),
            new OptimizeOptions { Trials = Budget, ShowProgress = false });

        var late = study.Trials.Skip(Budget - 20).ToList();
        Assert.Equal(0, study.BestValue);
        Assert.True(late.Count(t => (string)t.Params["a"]! == "c5") > 20 / 4, "c5 should dominate the late proposals for a");
    }

    [Fact]
    public void Optimize_IntegerOnly_FindsTheOptimumAndStaysOnTheGrid()
    {
        static double Objective(Trial t) =>
            Math.Abs(t.SuggestInt("n", -20, 20) - 7) + Math.Abs(t.SuggestInt("s", 0, 30, step: 3) - 12)
            + Math.Abs(Math.Log2(t.SuggestInt("units", 1, 1024, log: true)) - 6);

        var tpe = MedianBest(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }), Objective);
        var random = MedianBest(seed => new RandomSampler(seed), Objective);

        Assert.True(tpe < random, $"TPE median {tpe} vs random {random}");
    }

    [Fact]
    public void Optimize_PrunedAndFailedTrials_AreHandled()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 2 }) });

        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", -3, 3);
                t.Report(x * x, 0);
                return t.Number % 5 == 1 ? throw new TrialPrunedException()
                    : t.Number % 7 == 2 ? double.NaN
                    : x * x;
            },
            new OptimizeOptions { Trials = 50, ShowProgress = false });

        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
        Assert.Contains(study.Trials, t => t.State == TrialState.Failed);
        Assert.True(study.BestValue < 0.05);
    }

    [Fact]
    public void Optimize_Constraints_SteersTowardsTheFeasibleRegion()
    {
        // The unconstrained optimum x = 0 is infeasible; the best feasible point is x = 1.
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 0 }),
            Constraints = t => [1 - (double)t.Params["x"]!],
        });

        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -4, 4), 2), new OptimizeOptions { Trials = Budget, ShowProgress = false });

        var late = study.Trials.Skip(Budget - 20).ToList();
        // Random sampling would make 3/8 of them feasible.
        Assert.True(late.Count(t => t.IsFeasible) >= 10, "at least half the late proposals should be feasible");
        Assert.InRange((double)study.BestTrial.Params["x"]!, 1, 1.1);
    }

    [Fact]
    public void Ask_ConstantLiar_SpreadsPendingProposals()
    {
        var withLiar = Enumerable.Range(0, 9).Select(seed => PendingSpread(new TpeSamplerOptions { Seed = seed, ConstantLiar = true })).ToList();
        var without = Enumerable.Range(0, 9).Select(seed => PendingSpread(new TpeSamplerOptions { Seed = seed })).ToList();

        Assert.True(Median(withLiar) > 1.5 * Median(without), $"spread with liar {Median(withLiar)} vs without {Median(without)}");
    }

    [Fact]
    public void Ask_ConstantLiar_ProposesDistinctPointsToParallelWorkers()
    {
        var withLiar = Enumerable.Range(0, 9).Select(seed => DistinctPending(new TpeSamplerOptions { Seed = seed, ConstantLiar = true })).ToList();
        var without = Enumerable.Range(0, 9).Select(seed => DistinctPending(new TpeSamplerOptions { Seed = seed })).ToList();

        Assert.Equal(6, Median(withLiar));
        Assert.True(Median(without) < 5, $"without the liar, {Median(without)} of 6 pending proposals were distinct");
    }

    [Fact]
    public void Optimize_GroupOnConditionalSpace_ModelsEachBranch()
    {
        static double Objective(Trial t) => t.SuggestCategorical("branch", ["a", "b"]) == "a"
            ? 0.1 * (Math.Pow(t.SuggestFloat("xa", -5, 5) - 1, 2) + Math.Pow(t.SuggestFloat("ya", -5, 5) + 1, 2))
            : 2 + (0.1 * Math.Pow(t.SuggestInt("nb", 0, 20) - 3, 2));

        var group = MedianBest(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, Group = true }), Objective);
        var random = MedianBest(seed => new RandomSampler(seed), Objective);

        Assert.True(group < random, $"group median {group} vs random {random}");
    }

    [Fact]
    public void Optimize_NoStartupTrials_ModelsFromTheFirstTrial()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, StartupTrials = 0 }) });

        study.Optimize(Quadratic, new OptimizeOptions { Trials = 5, ShowProgress = false });

        Assert.Equal(5, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void SampleIndependent_BeforeStartupTrials_SamplesInsideTheDistribution()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        var trial = study.Ask();
        var distribution = new FloatDistribution(2, 3);

        Assert.True(distribution.Contains(sampler.SampleIndependent(study, trial, "x", distribution)));
    }

    /// <summary>The standard deviation of six points asked at once, after 20 told trials of a 1-D quadratic.</summary>
    private static double PendingSpread(TpeSamplerOptions options)
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(options) });
        for (var i = 0; i < 20; i++)
        {
            var told = study.Ask();
            study.Tell(told, Math.Pow(told.SuggestFloat("x", 0, 10) - 3, 2));
        }

        var xs = Enumerable.Range(0, 6).Select(_ => study.Ask().SuggestFloat("x", 0, 10)).ToList();
        var mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / xs.Count);
    }

    /// <summary>How many of six integer proposals asked at once, after 20 told trials, differ.</summary>
    private static double DistinctPending(TpeSamplerOptions options)
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(options) });
        for (var i = 0; i < 20; i++)
        {
            var told = study.Ask();
            study.Tell(told, Math.Abs(told.SuggestInt("n", 0, 40) - 20));
        }

        return Enumerable.Range(0, 6).Select(_ => study.Ask().SuggestInt("n", 0, 40)).Distinct().Count();
    }

    private static double MedianBest(Func<int, ISampler> create, Func<Trial, double> objective, StudyDirection direction = StudyDirection.Minimize) =>
        Median(Enumerable.Range(0, Seeds).Select(seed => Best(create(seed), objective, Budget, direction)).ToList());

    private static double Best(ISampler sampler, Func<Trial, double> objective, int trials, StudyDirection direction = StudyDirection.Minimize)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler, Directions = [direction] });
        study.Optimize(objective, new OptimizeOptions { Trials = trials, ShowProgress = false });
        return study.BestValue;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static double Quadratic(Trial trial)
    {
        var x = trial.SuggestFloat("x", -10, 10);
        var y = trial.SuggestFloat("y", -10, 10);
        return ((x - 2) * (x - 2)) + ((y + 3) * (y + 3));
    }

    private static double Branin(Trial trial)
    {
        var x = trial.SuggestFloat("x", -5, 10);
        var y = trial.SuggestFloat("y", 0, 15);
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        var t = 1 / (8 * Math.PI);
        return Math.Pow(y - (b * x * x) + (c * x) - 6, 2) + (10 * (1 - t) * Math.Cos(x)) + 10;
    }
}

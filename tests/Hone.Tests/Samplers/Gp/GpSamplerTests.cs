using Hone.Samplers;
using Hone.Samplers.Gp;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.Gp;

public class GpSamplerTests
{
    private const int Seeds = 5;
    private const int Budget = 30;

    public static TheoryData<string, GpSamplerOptions> InvalidOptions => new()
    {
        { "StartupTrials", new GpSamplerOptions { StartupTrials = 0 } },
        { "Acquisition", new GpSamplerOptions { Acquisition = (GpAcquisition)7 } },
        { "UcbBeta", new GpSamplerOptions { UcbBeta = -1 } },
        { "UcbBeta", new GpSamplerOptions { UcbBeta = double.PositiveInfinity } },
        { "MaxTrainingTrials", new GpSamplerOptions { MaxTrainingTrials = 9 } },
        { "Candidates", new GpSamplerOptions { Candidates = 0 } },
        { "LocalSearches", new GpSamplerOptions { LocalSearches = -1 } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(string option, GpSamplerOptions options)
    {
        var error = Assert.Throws<ArgumentException>(() => new GpSampler(options));

        Assert.Contains($"GpSamplerOptions.{option} must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_Branin_BeatsRandomSamplerInMedian()
    {
        var gp = MedianBest(seed => new GpSampler(new GpSamplerOptions { Seed = seed }), Branin);
        var random = MedianBest(seed => new RandomSampler(seed), Branin);

        // Branin's minimum is 0.398; 30 GP trials get within 0.1 of it, random ones rarely within 1.
        Assert.True(gp < 0.5 && gp < random, $"GP median {gp} vs random {random}");
    }

    [Theory]
    [InlineData(GpAcquisition.LogExpectedImprovement)]
    [InlineData(GpAcquisition.UpperConfidenceBound)]
    public void Optimize_MaximizingAQuadratic_BeatsRandomSamplerInMedian(GpAcquisition acquisition)
    {
        static double Objective(Trial t) => -Math.Pow(t.SuggestFloat("x", -5, 5) - 1, 2) - Math.Pow(t.SuggestFloat("y", -5, 5) + 2, 2);
        var gp = MedianBest(seed => new GpSampler(new GpSamplerOptions { Seed = seed, Acquisition = acquisition }), Objective, StudyDirection.Maximize);
        var random = MedianBest(seed => new RandomSampler(seed), Objective, StudyDirection.Maximize);

        Assert.True(gp > -0.01 && gp > random, $"GP median {gp} vs random {random}");
    }

    [Fact]
    public void Optimize_OneParameter_FindsTheMinimum()
    {
        var study = Run(new GpSampler(new GpSamplerOptions { Seed = 1 }), t => Math.Pow(t.SuggestFloat("x", 0, 1) - 0.3, 2), 20);

        Assert.InRange((double)study.BestParams["x"]!, 0.29, 0.31);
    }

    [Fact]
    public void Optimize_ConstantObjective_KeepsExploringTheSpace()
    {
        var study = Run(new GpSampler(new GpSamplerOptions { Seed = 2 }), t => t.SuggestFloat("x", -1, 1) * 0 + t.SuggestFloat("y", -1, 1) * 0 + 5, Budget);

        // A flat model leaves only the variance to maximize: the proposals spread out (a corner may come twice).
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.True(study.Trials.Select(t => ((double)t.Params["x"]!, (double)t.Params["y"]!)).Distinct().Count() >= Budget - 3);
    }

    [Fact]
    public void Optimize_FewDiscreteValues_SurvivesDuplicatePoints()
    {
        // Six possible points for 30 trials: the GP sees each many times.
        var study = Run(
            new GpSampler(new GpSamplerOptions { Seed = 3 }),
            t => Math.Abs(t.SuggestInt("n", 0, 2) - 1) + (t.SuggestCategorical("c", ["a", "b"]) == "a" ? 0.5 : 0),
            Budget);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(0, study.BestValue);
    }

    [Fact]
    public void Optimize_HugeAndNonFiniteValues_IgnoresFailuresAndStaysValid()
    {
        // Values near the largest double, and infinities (which the study stores as failed trials).
        var study = Run(
            new GpSampler(new GpSamplerOptions { Seed = 4 }),
            t =>
            {
                var x = t.SuggestFloat("x", -1, 1);
                var y = t.SuggestFloat("y", -1, 1);
                return t.Number % 7 == 3 ? double.PositiveInfinity : x > 0.5 ? 1e307 * (x + y + 3) : (x * x) + (y * y);
            },
            Budget);

        Assert.Contains(study.Trials, t => t.State == TrialState.Failed);
        Assert.All(study.GetTrials(TrialState.Complete), t => Assert.True(double.IsFinite(t.Value)));
        Assert.True(study.BestValue < 0.1, $"best {study.BestValue}");
    }

    [Fact]
    public void Optimize_MixedSpace_FindsTheBestCategoryAndStaysOnTheGrid()
    {
        var study = Run(
            new GpSampler(new GpSamplerOptions { Seed = 5 }),
            t => Math.Pow(t.SuggestFloat("x", -2, 2) - 0.5, 2)
                + Math.Abs(t.SuggestInt("n", 0, 20, step: 2) - 8)
                + Math.Abs(Math.Log2(t.SuggestInt("units", 1, 256, log: true)) - 4)
                + (t.SuggestCategorical("kind", ["a", "b", "c", "d"]) == "c" ? 0 : 3),
            40);

        Assert.Equal("c", study.BestParams["kind"]);
        Assert.Equal(8, study.BestParams["n"]);
        Assert.True(study.BestValue < 1.5, $"best {study.BestValue}");
    }

    [Fact]
    public void Optimize_Constraints_SteersTowardsTheFeasibleRegion()
    {
        // The unconstrained optimum x = 0 is infeasible; the best feasible point is x = 1.
        var study = Study.Create(new StudyOptions
        {
            Sampler = new GpSampler(new GpSamplerOptions { Seed = 0 }),
            Constraints = t => [1 - (double)t.Params["x"]!],
        });

        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -4, 4), 2), new OptimizeOptions { Trials = Budget, ShowProgress = false });

        // EI times P(feasible) peaks on the boundary: late proposals hug x = 1 from either side (random ones would
        // fall within 0.05 of it one time in 80).
        var late = study.Trials.Skip(Budget - 10).ToList();
        Assert.True(late.Count(t => Math.Abs((double)t.Params["x"]! - 1) < 0.05) >= 8, "late proposals should hug the boundary");
        Assert.InRange((double)study.BestTrial.Params["x"]!, 1, 1.05);
    }

    [Fact]
    public void Ask_SeveralPendingTrials_ProposesDistinctPoints()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 6 }) });
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 15, ShowProgress = false });

        // Four workers ask before any tells: without fantasies they would all get the same maximizer.
        var pending = new List<(double X, double Y)>();
        for (var i = 0; i < 4; i++)
        {
            var trial = study.Ask();
            pending.Add((trial.SuggestFloat("x", -5, 5), trial.SuggestFloat("y", -5, 5)));
        }

        for (var i = 0; i < pending.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var distance = Math.Sqrt(Math.Pow(pending[i].X - pending[j].X, 2) + Math.Pow(pending[i].Y - pending[j].Y, 2));
                Assert.True(distance > 1e-3, $"proposals {j} and {i} coincide: {pending[i]}");
            }
        }
    }

    [Fact]
    public void Optimize_ThousandTrialStudy_ProposesWithABoundedTrainingSet()
    {
        var storage = new InMemoryStorage();
        var filled = Study.Create(new StudyOptions { Name = "big", Storage = storage, Sampler = new RandomSampler(7) });
        filled.Optimize(Quadratic, new OptimizeOptions { Trials = 1_000, ShowProgress = false });

        var study = Study.Load("big", storage, new GpSampler(new GpSamplerOptions { Seed = 7 }));
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 3, ShowProgress = false });

        Assert.Equal(1_003, study.GetTrials(TrialState.Complete).Count);
        Assert.All(study.Trials.Skip(1_000), t => Assert.InRange((double)t.Params["x"]!, -5, 5));
    }

    [Fact]
    public void Ask_SeveralDirections_IsRefusedPointingToRandomSampler()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new GpSampler(),
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        });

        var error = Assert.Throws<NotSupportedException>(() => study.Ask());

        Assert.Contains("RandomSampler", error.Message, StringComparison.Ordinal);
    }

    private static double Quadratic(Trial t) => Math.Pow(t.SuggestFloat("x", -5, 5) - 1, 2) + Math.Pow(t.SuggestFloat("y", -5, 5) + 2, 2);

    private static double Branin(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 10);
        var y = t.SuggestFloat("y", 0, 15);
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        var u = y - (b * x * x) + (c * x) - 6;
        return (u * u) + (10 * (1 - (1 / (8 * Math.PI))) * Math.Cos(x)) + 10;
    }

    private static Study Run(ISampler sampler, Func<Trial, double> objective, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(objective, new OptimizeOptions { Trials = trials, ShowProgress = false, Catch = [typeof(Exception)] });
        return study;
    }

    private static double MedianBest(Func<int, ISampler> create, Func<Trial, double> objective, StudyDirection direction = StudyDirection.Minimize)
    {
        var bests = new List<double>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var study = Study.Create(new StudyOptions { Sampler = create(seed), Directions = [direction] });
            study.Optimize(objective, new OptimizeOptions { Trials = Budget, ShowProgress = false });
            bests.Add(study.BestValue);
        }

        bests.Sort();
        return bests[Seeds / 2];
    }
}

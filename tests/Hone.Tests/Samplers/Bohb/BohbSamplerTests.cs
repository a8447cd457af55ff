using System.Runtime.CompilerServices;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Samplers.Bohb;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Samplers.Bohb;

public class BohbSamplerTests
{
    public static TheoryData<string, BohbSamplerOptions> InvalidOptions => new()
    {
        { "RandomFraction", new BohbSamplerOptions { RandomFraction = 1.5 } },
        { "RandomFraction", new BohbSamplerOptions { RandomFraction = double.NaN } },
        { "MinPointsInModel", new BohbSamplerOptions { MinPointsInModel = 0 } },
        { "TopFraction", new BohbSamplerOptions { TopFraction = 0 } },
        { "TopFraction", new BohbSamplerOptions { TopFraction = 1 } },
        { "BandwidthFactor", new BohbSamplerOptions { BandwidthFactor = 0.5 } },
        { "MinBandwidth", new BohbSamplerOptions { MinBandwidth = 0 } },
        { "Candidates", new BohbSamplerOptions { Candidates = 0 } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(string option, BohbSamplerOptions options)
    {
        var error = Assert.Throws<ArgumentException>(() => new BohbSampler(options));

        Assert.Contains($"BohbSamplerOptions.{option} must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SeveralDirections_IsRefusedPointingToRandomSampler()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new BohbSampler(),
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        });

        var error = Assert.Throws<NotSupportedException>(() => study.Ask());

        Assert.Contains("RandomSampler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleRelative_SeveralBudgets_FitsTheLargestWithEnoughPoints()
    {
        // One parameter: N_min = 2, so a budget needs 4 observations. Rung 0 favours x = 0.9, rung 1 x = 0.1; only three
        // trials completed.
        var study = Study.Create(new StudyOptions { Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 1, RandomFraction = 0 }) });
        for (var i = 0; i < 10; i++)
        {
            var x = i / 10.0;
            Finish(study, x, rungs: i < 5 ? [Math.Abs(x - 0.9), Math.Abs(x - 0.1)] : [Math.Abs(x - 0.9)], complete: i < 3 ? Math.Abs(x - 0.1) : null);
        }

        var trial = Sample(study);

        Assert.Equal("rung_1", trial.SystemAttrs[BohbSampler.BudgetKey]);
        Assert.Equal(5L, trial.SystemAttrs[BohbSampler.PointsKey]);
        Assert.InRange((double)trial.Params["x"]!, 0, 0.3);
    }

    [Fact]
    public void SampleRelative_FullBudgetReachesEnoughPoints_FitsTheCompleteTrials()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 2, RandomFraction = 0 }) });
        for (var i = 0; i < 10; i++)
        {
            var x = i / 10.0;
            Finish(study, x, rungs: [Math.Abs(x - 0.9), Math.Abs(x - 0.9)], complete: i < 4 ? Math.Abs(x - 0.2) : null);
        }

        var trial = Sample(study);

        Assert.Equal("complete", trial.SystemAttrs[BohbSampler.BudgetKey]);
        Assert.Equal(4L, trial.SystemAttrs[BohbSampler.PointsKey]);
    }

    [Fact]
    public void SampleRelative_RunningTrialsPassedARung_CountThere()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 3, RandomFraction = 0 }) });
        for (var i = 0; i < 6; i++)
        {
            Finish(study, i / 6.0, rungs: i < 3 ? [1.0, 1.0] : [1.0], complete: null);
        }

        var running = study.Ask();
        running.SuggestFloat("x", 0, 1);
        running.SetSystemAttr("asha:rung_0", 0.5);
        running.SetSystemAttr("asha:rung_1", 0.5);

        var trial = Sample(study);

        Assert.Equal("rung_1", trial.SystemAttrs[BohbSampler.BudgetKey]);
        Assert.Equal(4L, trial.SystemAttrs[BohbSampler.PointsKey]);
    }

    [Fact]
    public void SampleRelative_HyperbandBracket_OffsetsTheTrialsRungs()
    {
        // Rung 0 of bracket 2 is budget level 2: four such trials outrank six at level 1.
        var study = Study.Create(new StudyOptions { Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 4, RandomFraction = 0 }) });
        for (var i = 0; i < 10; i++)
        {
            Finish(study, i / 10.0, rungs: i < 6 ? [1.0, 1.0] : [1.0], complete: null, bracket: i < 6 ? 0 : 2);
        }

        var trial = Sample(study);

        Assert.Equal("rung_2", trial.SystemAttrs[BohbSampler.BudgetKey]);
        Assert.Equal(4L, trial.SystemAttrs[BohbSampler.PointsKey]);
    }

    [Fact]
    public void SampleRelative_NoBudgetWithEnoughPoints_SamplesAtRandom()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 5, RandomFraction = 0 }) });
        for (var i = 0; i < 3; i++)
        {
            Finish(study, i / 3.0, rungs: [1.0], complete: 1.0);
        }

        var trial = Sample(study);

        Assert.Equal("random", trial.SystemAttrs[BohbSampler.BudgetKey]);
    }

    [Fact]
    public void Optimize_WithHyperbandAtEqualEpochs_BeatsRandomSamplerWithHyperbandInMedian()
    {
        var bohb = MedianFinalLoss(seed => new BohbSampler(new BohbSamplerOptions { Seed = seed }));
        var random = MedianFinalLoss(seed => new RandomSampler(seed));

        Assert.True(bohb < random, $"BOHB median final loss {bohb} vs Hyperband with random sampling {random}");
    }

    [Fact]
    public void Optimize_Maximizing_RanksTheHighestValuesAsGood()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 6 }),
            Directions = [StudyDirection.Maximize],
        });

        study.Optimize(t => -Math.Pow(t.SuggestFloat("x", -5, 5) - 2, 2), new OptimizeOptions { Trials = 60, ShowProgress = false });

        // Random proposals would land within 1 of the optimum a fifth of the time; proposals steered towards the
        // lowest values would land at the edges.
        var modelled = study.Trials.Where(t => t.SystemAttrs.TryGetValue(BohbSampler.BudgetKey, out var b) && (string?)b == "complete").ToList();
        Assert.True(modelled.Count >= 20, $"only {modelled.Count} model-based trials");
        Assert.True(modelled.Count(t => Math.Abs((double)t.Params["x"]! - 2) < 1) > modelled.Count / 2, "the model should propose near the maximum");
    }

    [Fact]
    public void SampleIndependent_ConditionalParameter_IsModelledOnTheTrialsThatHaveIt()
    {
        // y exists only on branch a, z only on branch b: neither is in the joint space. Drawn at random, y would lie
        // within 0.1 of its optimum 0.85 a fifth of the time (median distance 0.35).
        var study = Study.Create(new StudyOptions { Sampler = new BohbSampler(new BohbSamplerOptions { Seed = 7, RandomFraction = 0 }) });

        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                return t.SuggestCategorical("branch", ["a", "b"]) == "a"
                    ? Math.Pow(x - 0.5, 2) + Math.Pow(t.SuggestFloat("y", 0, 1) - 0.85, 2)
                    : Math.Pow(x - 0.5, 2) + 0.05 + Math.Pow(t.SuggestFloat("z", 0, 1) - 0.2, 2);
            },
            new OptimizeOptions { Trials = 80, ShowProgress = false });

        var modelledY = study.Trials
            .Where(t => t.Number >= 40 && t.Params.ContainsKey("y") && (string?)t.SystemAttrs[BohbSampler.BudgetKey] == "complete")
            .Select(t => Math.Abs((double)t.Params["y"]! - 0.85))
            .Order()
            .ToList();
        Assert.True(modelledY.Count >= 10, $"only {modelledY.Count} model-based trials on branch a");
        Assert.True(modelledY[modelledY.Count / 2] < 0.1, $"median distance of y from its optimum {modelledY[modelledY.Count / 2]}");
    }

    /// <summary>The median over seeds of the noise-free final loss of the best complete trial within 1,600 epochs.</summary>
    private static double MedianFinalLoss(Func<int, ISampler> sampler)
    {
        const long Budget = 1600;
        var finals = new List<double>();
        for (var seed = 1; seed <= 5; seed++)
        {
            var study = Study.Create(new StudyOptions
            {
                Sampler = sampler(seed),
                Pruner = new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = HyperparameterCurves.Steps, Seed = seed }),
            });
            var epochs = new StrongBox<long>();
            var objective = HyperparameterCurves.Objective(epochs);
            study.Optimize(
                objective,
                new OptimizeOptions
                {
                    Trials = 10_000,
                    ShowProgress = false,
                    Callbacks = [(s, _) => { if (epochs.Value >= Budget) { s.Stop(); } }],
                });
            finals.Add(study.BestValue);
        }

        finals.Sort();
        return finals[finals.Count / 2];
    }

    /// <summary>Runs a trial at x that recorded the given rung values, then completes with a value or is pruned.</summary>
    private static void Finish(Study study, double x, double[] rungs, double? complete, int? bracket = null)
    {
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = x });
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        if (bracket is { } b)
        {
            trial.SetSystemAttr(HyperbandPruner.BracketKey, b);
        }

        for (var rung = 0; rung < rungs.Length; rung++)
        {
            trial.SetSystemAttr("asha:rung_" + rung.ToString(System.Globalization.CultureInfo.InvariantCulture), rungs[rung]);
        }

        if (complete is { } value)
        {
            study.Tell(trial, value);
        }
        else
        {
            study.Tell(trial, TrialState.Pruned);
        }
    }

    /// <summary>Starts a trial, suggests x through the sampler and returns it as stored.</summary>
    private static FrozenTrial Sample(Study study)
    {
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        return study.Tell(trial, TrialState.Pruned);
    }
}

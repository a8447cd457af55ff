using Hone.Samplers;
using Hone.Samplers.CmaEs;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Samplers.CmaEs;

public partial class CmaEsSamplerTests
{
    public static TheoryData<CmaEsSamplerOptions, string> InvalidOptions => new()
    {
        { new CmaEsSamplerOptions { PopulationSize = 1 }, "PopulationSize must be in [2, 1048576], but got 1" },
        { new CmaEsSamplerOptions { PopulationSize = -3 }, "but got -3" },
        { new CmaEsSamplerOptions { Sigma0 = 0 }, "Sigma0 must be a finite number > 0" },
        { new CmaEsSamplerOptions { Sigma0 = -0.1 }, "but got -0.1" },
        { new CmaEsSamplerOptions { Sigma0 = double.NaN }, "but got NaN" },
        { new CmaEsSamplerOptions { Sigma0 = double.PositiveInfinity }, "Sigma0" },
        { new CmaEsSamplerOptions { IncPopSize = 0 }, "IncPopSize must be >= 1, but got 0" },
        { new CmaEsSamplerOptions { LearningRateAdaptation = true, Separable = true }, "LearningRateAdaptation applies to the full covariance only" },
        { new CmaEsSamplerOptions { Restart = (CmaEsRestartStrategy)7 }, "Restart must be None, Ipop or Bipop, but got 7" },
        { new CmaEsSamplerOptions { WarmStartTrials = SourceTrials(), Sigma0 = 0.1 }, "X0 and Sigma0 must be null" },
        { new CmaEsSamplerOptions { WarmStartTrials = SourceTrials(), X0 = new Dictionary<string, object?> { ["x0"] = 1.0 } }, "X0 and Sigma0 must be null" },
        { new CmaEsSamplerOptions { WarmStartTrials = [] }, "WarmStartTrials must hold complete single-objective trials, but none of its 0 is" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOption_ThrowsNamingTheRuleAndTheValue(CmaEsSamplerOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new CmaEsSampler(options));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_EachTrial_RecordsItsSpaceAndGeneration()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 1, PopulationSize = 5 }) });

        study.Optimize(t => Sphere(t, 3), new OptimizeOptions { Trials = 16, ShowProgress = false });

        var trials = study.Trials;
        Assert.False(trials[0].SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr), "the first trial has no known space and is sampled independently");
        Assert.Equal([0L, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2], trials.Skip(1).Select(Generation));
        Assert.All(trials.Skip(1), t => Assert.Equal(Key(trials[1]), Key(t)));
        var state = CmaEsSampler.ReadState(study, Key(trials[1])!)!;
        Assert.Equal(2, state.Generation);
        Assert.Equal(5, state.PopulationSize);
        Assert.Equal(0, state.Restarts);
    }

    [Fact]
    public void Optimize_FailedAndPrunedTrials_AreReplacedWithinTheirGeneration()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 2, PopulationSize = 4 }) });

        study.Optimize(
            t =>
            {
                var value = Sphere(t, 2);
                return t.Number % 3 == 1 ? double.NaN : t.Number % 5 == 2 ? throw new TrialPrunedException() : value;
            },
            new OptimizeOptions { Trials = 60, ShowProgress = false });

        var complete = study.GetTrials(TrialState.Complete).Where(t => t.SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr)).ToList();
        var generations = complete.GroupBy(Generation).OrderBy(g => g.Key).ToList();
        Assert.True(generations.Count >= 5, $"only {generations.Count} generations");
        Assert.All(generations.SkipLast(1), g => Assert.Equal(4, g.Count()));
        Assert.Contains(study.Trials, t => t.State == TrialState.Failed && t.SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr));
        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned && t.SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr));
    }

    [Fact]
    public void Optimize_ResumedWithANewSampler_ContinuesTheGenerations()
    {
        using var database = new TemporaryDatabase();
        var path = database.Path;
        int before;
        using (var storage = new SqliteStorage(path))
        {
            var study = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 3 }) });
            study.Optimize(t => Sphere(t, 4), new OptimizeOptions { Trials = 30, ShowProgress = false });
            before = (int)CmaEsSampler.ReadState(study, Key(study.Trials[^1])!)!.Generation;
        }

        using (var storage = new SqliteStorage(path))
        {
            var resumed = Study.Load("s", storage, new CmaEsSampler(new CmaEsSamplerOptions { Seed = 4 }));
            resumed.Optimize(t => Sphere(t, 4), new OptimizeOptions { Trials = 30, ShowProgress = false });

            var added = resumed.Trials.Skip(30).ToList();
            var state = CmaEsSampler.ReadState(resumed, Key(added[0])!)!;

            // 4 parameters: λ = 8. 29 tagged trials made 3 full generations; 30 more make 4 more, without restarting at 0.
            Assert.Equal(3, before);
            Assert.Equal(before, Generation(added[0]));
            Assert.All(added, t => Assert.True(Generation(t) >= before));
            Assert.Equal(7, state.Generation);
            Assert.Equal(1, resumed.Trials.Select(Key).Distinct().Count(k => k is not null));
        }
    }

    [Fact]
    public void Optimize_GenerationUpdates_AreClaimedOncePerGeneration()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 5, PopulationSize = 4 }) });

        study.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 30, Parallelism = 3, ShowProgress = false });

        var key = Key(study.Trials.First(t => Key(t) is not null))!;
        var state = CmaEsSampler.ReadState(study, key)!;
        var claims = study.Storage.GetClaims(study.Id);
        Assert.Contains($"cmaes:{key}:init", claims);
        Assert.Equal(
            Enumerable.Range(0, (int)state.Generation).Select(g => $"cmaes:{key}:gen:{g}"),
            claims.Where(c => c.Contains(":gen:", StringComparison.Ordinal)).OrderBy(c => int.Parse(c[(c.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ask_TwoWorkersWithTheirOwnSamplers_ContinueOneSearch()
    {
        // Two study handles over one storage stand for two processes: each has its own sampler and reads the saved state.
        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { Name = "shared", Storage = storage, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 6, PopulationSize = 4 }) });
        var second = Study.Load("shared", storage, new CmaEsSampler(new CmaEsSamplerOptions { Seed = 7, PopulationSize = 4 }));

        for (var i = 0; i < 41; i++)
        {
            var study = i % 2 == 0 ? first : second;
            var trial = study.Ask();
            study.Tell(trial, Sphere(trial, 2));
        }

        var tagged = first.Trials.Where(t => Key(t) is not null).ToList();
        var state = CmaEsSampler.ReadState(first, Key(tagged[0])!)!;
        Assert.Equal(9, state.Generation);
        Assert.Equal(tagged.Select(Generation).Order(), tagged.Select(Generation));
        Assert.All(tagged.GroupBy(Generation), g => Assert.Equal(4, g.Count()));
        Assert.Equal(9, storage.GetClaims(first.Id).Count(c => c.Contains(":gen:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ask_TrialsToldThroughAnotherHandle_StillAdvanceTheGenerations()
    {
        // The asking handle never sees these trials end (its sampler gets no AfterTrial), so it must find their
        // results in the storage.
        var storage = new InMemoryStorage();
        var asker = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 15, PopulationSize = 4 }) });
        var teller = Study.Load("s", storage);

        for (var i = 0; i < 40; i++)
        {
            var trial = asker.Ask();
            var value = Sphere(trial, 2);
            trial.Report(value, 0);
            teller.Tell(trial.Number, value);
        }

        var tagged = teller.Trials.Where(t => Key(t) is not null).ToList();
        Assert.NotEmpty(tagged);
        Assert.True(Generation(tagged[^1]) >= 8, $"the search reached generation {Generation(tagged[^1])} only");
    }

    [Fact]
    public void Optimize_OneDimensionalSpace_FallsBackToTheIndependentSamplerAndSaysSo()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 8 }) });

        study.Optimize(t => Math.Abs(t.SuggestFloat("x", -1, 1)), new OptimizeOptions { Trials = 20, ShowProgress = false });

        Assert.Equal(20, study.GetTrials(TrialState.Complete).Count);
        Assert.All(study.Trials, t => Assert.False(t.SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr)));
        var notice = (string)study.SystemAttrs[CmaEsSampler.NoticeAttr]!;
        Assert.Contains("at least two float or int parameters", notice, StringComparison.Ordinal);
        Assert.Contains("only 'x'", notice, StringComparison.Ordinal);
        Assert.Contains(nameof(RandomSampler), notice, StringComparison.Ordinal);
        Assert.DoesNotContain("samples 'x'", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_CategoricalOnlySpace_FallsBackToTheIndependentSamplerAndSaysSo()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 9 }) });

        study.Optimize(
            t => t.SuggestCategorical("a", ["x", "yy"]).Length + t.SuggestCategorical("b", [1, 2, 3]),
            new OptimizeOptions { Trials = 20, ShowProgress = false });

        Assert.Equal(20, study.GetTrials(TrialState.Complete).Count);
        Assert.Contains("'a', 'b'", (string)study.SystemAttrs[CmaEsSampler.NoticeAttr]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_MixedSpace_ModelsTheNumbersAndLeavesTheCategoricalToTheIndependentSampler()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 10 }) });

        study.Optimize(
            t => Sphere(t, 3) + (t.SuggestCategorical("kind", ["a", "b"]) == "a" ? 0 : 1),
            new OptimizeOptions { Trials = 25, ShowProgress = false });

        Assert.All(study.Trials.Skip(1), t => Assert.True(t.SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr)));
        var notice = (string)study.SystemAttrs[CmaEsSampler.NoticeAttr]!;
        Assert.Contains("'kind'", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("'x0'", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_MultiObjectiveStudy_ThrowsSayingWhy()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new CmaEsSampler(),
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        });

        var error = Assert.Throws<InvalidOperationException>(() => study.Ask());

        Assert.Contains("single objective", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_X0AndSigma0_CentreTheFirstGenerationThere()
    {
        var options = new CmaEsSamplerOptions
        {
            Seed = 11,
            X0 = new Dictionary<string, object?> { ["x0"] = 4.0, ["x1"] = -4 },
            Sigma0 = 0.01,
            PopulationSize = 6,
        };
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options) });

        study.Optimize(t => t.SuggestFloat("x0", -5, 5) + t.SuggestInt("x1", -5, 5), new OptimizeOptions { Trials = 7, ShowProgress = false });

        Assert.All(study.Trials.Skip(1), t =>
        {
            Assert.InRange((double)t.Params["x0"]!, 3.5, 4.5);
            Assert.Equal(-4, t.Params["x1"]);
        });
    }

    [Fact]
    public void Optimize_LogParameter_StartsAtTheGeometricCentre()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 12, Sigma0 = 0.02, PopulationSize = 6 }) });

        study.Optimize(t => t.SuggestFloat("lr", 1e-6, 1, log: true) + t.SuggestFloat("y", 0, 1), new OptimizeOptions { Trials = 7, ShowProgress = false });

        Assert.All(study.Trials.Skip(1), t => Assert.InRange((double)t.Params["lr"]!, 2e-4, 5e-3));
    }

    [Fact]
    public void Optimize_X0OutsideItsDistribution_FailsWithAClearMessage()
    {
        var options = new CmaEsSamplerOptions { X0 = new Dictionary<string, object?> { ["x0"] = 9.0 } };
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options) });

        var error = Assert.Throws<ArgumentException>(() => study.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 3, ShowProgress = false }));

        Assert.Contains("X0['x0'] = 9 lies outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_WarmStartTrialsOfAnotherSpace_FailsWithAClearMessage()
    {
        var options = new CmaEsSamplerOptions { WarmStartTrials = SourceTrials() };
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(options) });

        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(t => t.SuggestFloat("a", 0, 1) + t.SuggestFloat("b", 0, 1), new OptimizeOptions { Trials = 3, ShowProgress = false }));

        Assert.Contains("None of the 10 WarmStartTrials", error.Message, StringComparison.Ordinal);
        Assert.Contains("[a, b]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_EnqueuedTrial_JoinsNoGeneration()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 13, PopulationSize = 4 }) });
        study.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 3, ShowProgress = false });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x0"] = 1.0 });

        study.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 3, ShowProgress = false });

        Assert.Equal(1.0, study.Trials[3].Params["x0"]);
        Assert.False(study.Trials[3].SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr));
        Assert.True(study.Trials[4].SystemAttrs.ContainsKey(CmaEsSampler.GenerationAttr));
    }

    [Fact]
    public void Optimize_WithMargin_RecordsTheRawSampleItLearnsFrom()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 14, WithMargin = true, PopulationSize = 4 }) });

        study.Optimize(t => Math.Abs(t.SuggestInt("n", 0, 3) - 2) + t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 12, ShowProgress = false });

        var key = Key(study.Trials[1])!;
        Assert.All(study.Trials.Skip(1), t => Assert.True(t.SystemAttrs.ContainsKey(CmaEsSampler.RawAttr)));
        Assert.NotNull(CmaEsSampler.ReadState(study, key)!.MarginScale);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Optimize_ResumedByANewSampler_DrawsTheSamplesOfAnUninterruptedRun(bool mirroredOrthogonal)
    {
        // A new sampler reads the saved state; the eigendecomposition it samples with must be the saved one bit for
        // bit, since one computed afresh from C differs in its last bits from the one computed from the previous axes.
        // Mirrored orthogonal sampling also needs the generation's first trial, saved with the state.
        CmaEsSampler Sampler() => new(new CmaEsSamplerOptions { Seed = 5, MirroredOrthogonalSampling = mirroredOrthogonal });
        var options = new OptimizeOptions { Trials = 40, ShowProgress = false };
        var whole = Study.Create(new StudyOptions { Name = "whole", Sampler = Sampler() });
        whole.Optimize(t => Sphere(t, 6), new OptimizeOptions { Trials = 80, ShowProgress = false });
        var storage = new InMemoryStorage();
        Study.Create(new StudyOptions { Name = "resumed", Storage = storage, Sampler = Sampler() }).Optimize(t => Sphere(t, 6), options);

        var resumed = Study.Create(new StudyOptions { Name = "resumed", Storage = storage, Sampler = Sampler(), LoadIfExists = true });
        resumed.Optimize(t => Sphere(t, 6), options);

        Assert.Equal(whole.Trials.Select(t => t.Params.Values.ToArray()), resumed.Trials.Select(t => t.Params.Values.ToArray()));
    }

    [Fact]
    public void Optimize_MirroredOrthogonalSampling_DrawsEachGenerationAsMirroredPairsAlongOrthogonalDirections()
    {
        // 4 parameters: λ = 8, so a generation is 4 mirrored pairs along the 4 orthogonal directions of one block. In the
        // first generation C = I, so a sample's offset from the centre is σ·z itself.
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(new CmaEsSamplerOptions { Seed = 2, MirroredOrthogonalSampling = true }) });
        study.Optimize(t => Sphere(t, 4), new OptimizeOptions { Trials = 9, ShowProgress = false });

        var offsets = study.Trials.Skip(1).Select(t => Enumerable.Range(0, 4).Select(i => ((double)t.Params[$"x{i}"]! + 5) / 10 - 0.5).ToArray()).ToList();
        Assert.All(study.Trials.Skip(1), t => Assert.Equal(0, Generation(t)));
        for (var d = 0; d < 4; d++)
        {
            Assert.All(offsets[2 * d].Zip(offsets[(2 * d) + 1], (a, b) => a + b), sum => Assert.Equal(0, sum, 1e-12));
            for (var e = d + 1; e < 4; e++)
            {
                Assert.Equal(0, offsets[2 * d].Zip(offsets[2 * e], (a, b) => a * b).Sum(), 1e-12);
            }
        }
    }

    private static double Sphere(Trial trial, int dimension)
    {
        var sum = 0.0;
        for (var i = 0; i < dimension; i++)
        {
            var x = trial.SuggestFloat($"x{i}", -5, 5);
            sum += (x - 1) * (x - 1);
        }

        return sum;
    }

    private static long Generation(FrozenTrial trial) => (long)trial.SystemAttrs[CmaEsSampler.GenerationAttr]!;

    private static string? Key(FrozenTrial trial) => trial.SystemAttrs.TryGetValue(CmaEsSampler.SpaceAttr, out var key) ? (string?)key : null;

    private static List<FrozenTrial> SourceTrials()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        study.Optimize(t => Sphere(t, 2), new OptimizeOptions { Trials = 10, ShowProgress = false });
        return [.. study.Trials];
    }
}

using Hone.Distributions;
using Hone.Numerics;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Samplers;

public class QmcSamplerTests
{
    [Theory]
    [InlineData(QmcKind.Sobol)]
    [InlineData(QmcKind.Halton)]
    public void Optimize_Unscrambled_TrialsAfterTheFirstTakeTheSequenceInOrder(QmcKind kind)
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Kind = kind, Scramble = false, Seed = 1 }) });

        study.Optimize(t => t.SuggestFloat("x", 0, 8), new OptimizeOptions { Trials = 9, ShowProgress = false });

        // The first trial has no complete trial to learn the space from: it is sampled independently.
        Assert.False(study.Trials[0].SystemAttrs.ContainsKey(QmcSampler.SampleIdKey));
        var expected = Enumerable.Range(0, 8).Select(i => 8 * (kind == QmcKind.Sobol ? new SobolSequence(1).Point(i) : new HaltonSequence(1).Point(i))[0]);
        Assert.Equal(expected, study.Trials.Skip(1).Select(t => (double)t.Params["x"]!));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (object?)(long)i), study.Trials.Skip(1).Select(t => t.SystemAttrs[QmcSampler.SampleIdKey]));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Optimize_ScrambledSobol_StratifiesEveryKindOfParameterOverSixteenTrials(int seed)
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = seed }) });

        study.Optimize(
            t => t.SuggestFloat("x", -5, 5) + t.SuggestFloat("lr", 1e-4, 1, log: true) + t.SuggestCategorical("c", ["a", "b", "c", "d"]).Length
                + t.SuggestInt("n", 1, 8),
            new OptimizeOptions { Trials = 17, ShowProgress = false });
        var trials = study.Trials.Skip(1).ToList();

        // Every coordinate of the first 16 points holds one point per sixteenth of [0, 1).
        Assert.Equal(Enumerable.Repeat(1, 16), Cells(trials.Select(t => ((double)t.Params["x"]! + 5) / 10), 16));
        Assert.Equal(Enumerable.Repeat(1, 16), Cells(trials.Select(t => (Math.Log10((double)t.Params["lr"]!) + 4) / 4), 16));
        Assert.Equal(Enumerable.Repeat(4, 4), Cells(trials.Select(t => "abcd".IndexOf((string)t.Params["c"]!, StringComparison.Ordinal) / 4.0), 4));
        Assert.Equal(Enumerable.Repeat(2, 8), Cells(trials.Select(t => ((int)t.Params["n"]! - 1) / 8.0), 8));
    }

    [Fact]
    public void Optimize_SameSeed_ScramblesAlikeAndOtherSeedsDiffer()
    {
        static IEnumerable<double> Run(int seed)
        {
            var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = seed }) });
            study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestFloat("y", 0, 1), new OptimizeOptions { Trials = 10, ShowProgress = false });
            return study.Trials.Skip(1).Select(t => (double)t.Params["x"]!);
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Theory]
    [InlineData(QmcKind.Sobol)]
    [InlineData(QmcKind.Halton)]
    public void Optimize_ResumedWithTheSameSeed_ContinuesTheSequence(QmcKind kind)
    {
        var options = new QmcSamplerOptions { Kind = kind, Seed = 8 };
        var whole = Study.Create(new StudyOptions { Sampler = new QmcSampler(options) });
        whole.Optimize(Objective, new OptimizeOptions { Trials = 17, ShowProgress = false });

        using var file = new TemporaryDatabase();
        using (var storage = new SqliteStorage(file.Path))
        {
            Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = new QmcSampler(options) })
                .Optimize(Objective, new OptimizeOptions { Trials = 9, ShowProgress = false });
        }

        using var reopened = new SqliteStorage(file.Path);
        var resumed = Study.Load("s", reopened, new QmcSampler(options));
        resumed.Optimize(Objective, new OptimizeOptions { Trials = 8, ShowProgress = false });

        Assert.Equal(Enumerable.Range(0, 16).Select(i => (object?)(long)i), resumed.Trials.Skip(1).Select(t => t.SystemAttrs[QmcSampler.SampleIdKey]));
        Assert.Equal(whole.Trials.Skip(1).Select(t => t.Params["x"]), resumed.Trials.Skip(1).Select(t => t.Params["x"]));
        Assert.Equal(whole.Trials.Skip(1).Select(t => t.Params["k"]), resumed.Trials.Skip(1).Select(t => t.Params["k"]));
    }

    [Fact]
    public void Optimize_EnqueuedTrialFixingTheJointSpace_TakesNoPointOfTheSequence()
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 2 }) });
        study.Optimize(Objective, new OptimizeOptions { Trials = 3, ShowProgress = false });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1.5, ["k"] = 4 });

        study.Optimize(Objective, new OptimizeOptions { Trials = 3, ShowProgress = false });

        Assert.False(study.Trials[3].SystemAttrs.ContainsKey(QmcSampler.SampleIdKey));
        Assert.Equal([0L, 1L, 2L, 3L], SampleIds(study.Trials));
    }

    [Fact]
    public void Optimize_ParallelWorkers_DrawConsecutiveDistinctPoints()
    {
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 2 }) });

        study.Optimize(Objective, new OptimizeOptions { Trials = 40, Parallelism = 4, ShowProgress = false });

        var ids = SampleIds(study.Trials);
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => (long)i), ids.Order());
        Assert.InRange(ids.Count, 40 - 4, 39);
    }

    [Fact]
    public async Task Optimize_TwoProcessesSharingOneFile_DrawDistinctPoints()
    {
        using var file = new TemporaryDatabase();
        using (var setup = new SqliteStorage(file.Path))
        {
            Study.Create(new StudyOptions { Name = "s", Storage = setup });
        }

        // Two storages on one file stand for two processes; both use the same seed, as their documentation asks.
        var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            using var storage = new SqliteStorage(file.Path);
            Study.Load("s", storage, new QmcSampler(new QmcSamplerOptions { Seed = 6 }))
                .Optimize(Objective, new OptimizeOptions { Trials = 15, ShowProgress = false });
        })).ToArray();
        await Task.WhenAll(workers);

        using var reader = new SqliteStorage(file.Path);
        var ids = SampleIds(Study.Load("s", reader).Trials);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.InRange(ids.Count, 28, 29);
    }

    [Fact]
    public void Optimize_ConditionalParameters_GoToTheIndependentSampler()
    {
        var independent = new RecordingSampler();
        var study = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 1, IndependentSampler = independent }) });

        study.Optimize(
            t => t.SuggestCategorical("branch", ["a", "b"]) == "a" ? t.SuggestFloat("xa", 0, 1) : t.SuggestInt("nb", 0, 3),
            new OptimizeOptions { Trials = 30, ShowProgress = false });

        // Trial 0 is wholly independent; afterwards "branch", which every trial has, is always sampled jointly.
        Assert.Equal(1, independent.Names.Count(n => n == "branch"));
        Assert.Contains("xa", independent.Names);
        Assert.Contains("nb", independent.Names);
    }

    [Fact]
    public void Optimize_MeanOfTheTrials_EstimatesASmoothMeanBetterThanRandomSampling()
    {
        static double Error(ISampler sampler)
        {
            var study = Study.Create(new StudyOptions { Sampler = sampler });
            study.Optimize(
                t => Math.Exp(Enumerable.Range(0, 5).Sum(i => t.SuggestFloat($"x{i}", 0, 1)) / 5),
                new OptimizeOptions { Trials = 129, ShowProgress = false });
            var mean = study.Trials.Skip(1).Average(t => t.Value);
            return Math.Abs(mean - Math.Pow(5 * (Math.Exp(0.2) - 1), 5));
        }

        var seeds = Enumerable.Range(0, 9).ToArray();
        var qmc = seeds.Select(s => Error(new QmcSampler(new QmcSamplerOptions { Seed = s }))).Order().ElementAt(4);
        var random = seeds.Select(s => Error(new RandomSampler(s))).Order().ElementAt(4);

        Assert.True(qmc < random / 5, $"QMC median error {qmc}, random {random}");
    }

    [Fact]
    public void Constructor_UndefinedKind_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new QmcSampler(new QmcSamplerOptions { Kind = (QmcKind)7 }));

        Assert.Contains("QmcSamplerOptions.Kind", error.Message, StringComparison.Ordinal);
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
    }

    private static double Objective(Trial trial) =>
        trial.SuggestFloat("x", -3, 3) + trial.SuggestInt("k", 1, 64, log: true);

    private static List<long> SampleIds(IEnumerable<FrozenTrial> trials) =>
        [.. trials.Where(t => t.SystemAttrs.ContainsKey(QmcSampler.SampleIdKey)).Select(t => (long)t.SystemAttrs[QmcSampler.SampleIdKey]!)];

    private static int[] Cells(IEnumerable<double> units, int cells)
    {
        var counts = new int[cells];
        foreach (var u in units)
        {
            counts[Math.Min(cells - 1, (int)(u * cells))]++;
        }

        return counts;
    }

    /// <summary>Records what it is asked to sample independently, and samples uniformly.</summary>
    private sealed class RecordingSampler : ISampler
    {
        private readonly RandomSampler _random = new(0);

        public List<string> Names { get; } = [];

        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
            _random.InferRelativeSearchSpace(study, trial);

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
            _random.SampleRelative(study, trial, searchSpace);

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
        {
            Names.Add(name);
            return _random.SampleIndependent(study, trial, name, distribution);
        }
    }
}

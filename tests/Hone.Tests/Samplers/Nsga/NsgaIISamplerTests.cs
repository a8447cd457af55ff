using System.Collections.Concurrent;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Samplers.Nsga;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Samplers.Nsga;

public class NsgaIISamplerTests
{
    [Theory]
    [InlineData("PopulationSize", 1, "NsgaIISamplerOptions.PopulationSize must be >= 2, but got 1")]
    [InlineData("CrossoverProbability", 1.5, "NsgaIISamplerOptions.CrossoverProbability must be in [0, 1], but got 1.5")]
    [InlineData("SwappingProbability", -0.1, "NsgaIISamplerOptions.SwappingProbability must be in [0, 1], but got -0.1")]
    [InlineData("MutationProbability", double.NaN, "NsgaIISamplerOptions.MutationProbability must be in [0, 1], but got NaN")]
    [InlineData("SbxEta", -1, "NsgaIISamplerOptions.SbxEta must be a finite number >= 0, but got -1")]
    [InlineData("BlxAlpha", double.PositiveInfinity, "NsgaIISamplerOptions.BlxAlpha must be a finite number >= 0, but got Infinity")]
    [InlineData("MutationEta", -2, "NsgaIISamplerOptions.MutationEta must be a finite number >= 0, but got -2")]
    [InlineData("Crossover", 7, "NsgaIISamplerOptions.Crossover must be Uniform, Sbx or BlxAlpha, but got 7")]
    public void Constructor_OptionOutOfRange_ThrowsNamingTheOptionValueAndRange(string option, double value, string message)
    {
        var options = new NsgaIISamplerOptions();
        switch (option)
        {
            case "PopulationSize": options.PopulationSize = (int)value; break;
            case "CrossoverProbability": options.CrossoverProbability = value; break;
            case "SwappingProbability": options.SwappingProbability = value; break;
            case "MutationProbability": options.MutationProbability = value; break;
            case "SbxEta": options.SbxEta = value; break;
            case "BlxAlpha": options.BlxAlpha = value; break;
            case "MutationEta": options.MutationEta = value; break;
            default: options.Crossover = (NsgaCrossover)(int)value; break;
        }

        var error = Assert.Throws<ArgumentException>(() => new NsgaIISampler(options));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_Zdt1_FrontIsCloserToTheTrueFrontThanRandomSearchOnMedian()
    {
        // Median over seeds of the mean vertical gap between the final non-dominated points and ZDT1's front f2 = 1 - sqrt(f1).
        static double Gap(ISampler sampler)
        {
            var study = MultiObjectiveStudy(sampler, 2);
            study.Optimize(Zdt1, new OptimizeOptions { Trials = 500, ShowProgress = false });
            return study.BestTrials.Average(t => t.Values![1] - (1 - Math.Sqrt(t.Values[0])));
        }

        var nsga = Median(Enumerable.Range(0, 3).Select(seed => Gap(new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed }))));
        var random = Median(Enumerable.Range(0, 3).Select(seed => Gap(new RandomSampler(seed))));

        Assert.True(nsga < 0.75 * random, $"NSGA-II gap {nsga}, random {random}");
    }

    [Fact]
    public void Optimize_SameSeedTwoObjectives_GivesIdenticalTrials()
    {
        static IEnumerable<string> Run() =>
            Parameters(RunZdt1(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 4, PopulationSize = 10 }), 60).Trials);

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Optimize_FourParallelWorkers_StartsAGenerationOnlyOnceThePreviousHasPopulationSizeCompleteTrials()
    {
        const int population = 8;
        var observer = new GenerationObserver(new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1, PopulationSize = population }));
        var study = MultiObjectiveStudy(observer, 2);
        var failures = 0;

        study.Optimize(
            t =>
            {
                var values = Zdt1(t);

                // Every seventh trial fails: failed trials must not count as members of their generation.
                if (t.Number % 7 == 3)
                {
                    Interlocked.Increment(ref failures);
                    throw new InvalidOperationException("fails on purpose");
                }

                Thread.Sleep(1);
                return values;
            },
            new OptimizeOptions { Trials = 120, Parallelism = 4, ShowProgress = false, Catch = [typeof(InvalidOperationException)] });

        Assert.True(failures > 0);
        Assert.True(observer.Starts.Keys.Max() >= 5, $"only {observer.Starts.Keys.Max()} generations");
        foreach (var (generation, completeBefore) in observer.Starts.Where(s => s.Key > 0))
        {
            Assert.True(completeBefore.Min() >= population, $"generation {generation} started with {completeBefore.Min()} complete trials of generation {generation - 1}");
        }

        // The survivors of each closed generation are saved, exactly PopulationSize complete trials of earlier generations.
        var trials = study.Trials;
        for (var generation = 0; generation < observer.Starts.Keys.Max(); generation++)
        {
            var saved = SavedPopulation(study, "nsga2", generation);
            Assert.Equal(population, saved.Length);
            Assert.All(saved, n => Assert.Equal(TrialState.Complete, trials[n].State));
            Assert.All(saved, n => Assert.True(GenerationOf(trials[n]) <= generation));
        }
    }

    [Fact]
    public void Optimize_ResumedFromSqliteWithTheSameSeed_ProposesTheTrialsOfAnUninterruptedRun()
    {
        static NsgaIISampler Sampler() => new(new NsgaIISamplerOptions { Seed = 9, PopulationSize = 10 });
        using var database = new TemporaryDatabase();
        using (var storage = new SqliteStorage(database.Path))
        {
            var first = MultiObjectiveStudy(Sampler(), 2, storage, "s");
            first.Optimize(Zdt1, new OptimizeOptions { Trials = 45, ShowProgress = false });
        }

        using var reopened = new SqliteStorage(database.Path);
        var resumed = Study.Load("s", reopened, Sampler());
        resumed.Optimize(Zdt1, new OptimizeOptions { Trials = 45, ShowProgress = false });

        var uninterrupted = RunZdt1(Sampler(), 90);
        Assert.Equal(Parameters(uninterrupted.Trials), Parameters(resumed.Trials));
        Assert.Equal(SavedPopulation(uninterrupted, "nsga2", 7), SavedPopulation(resumed, "nsga2", 7));
    }

    [Theory]
    [InlineData("nsga2")]
    [InlineData("nsga3")]
    public void Optimize_TwoStoragesOnOneSqliteFileInParallel_BreedEachGenerationFromTheSavedParents(string algorithm)
    {
        // Different seeds, so that NSGA-III's random niching would choose other survivors in each worker by itself.
        GenerationObserver Observer(int seed) => algorithm == "nsga2"
            ? new GenerationObserver(new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed, PopulationSize = 6 }))
            : new GenerationObserver(new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed, PopulationSize = 6 }));
        using var database = new TemporaryDatabase();
        using var storageA = new SqliteStorage(database.Path);
        using var storageB = new SqliteStorage(database.Path);
        var (observerA, observerB) = (Observer(1), Observer(2));
        var studyA = MultiObjectiveStudy(observerA, 2, storageA, "shared");
        var studyB = Study.Create(new StudyOptions { Name = "shared", Storage = storageB, Sampler = observerB, LoadIfExists = true, Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });

        Parallel.Invoke(
            () => studyA.Optimize(Zdt1, new OptimizeOptions { Trials = 40, ShowProgress = false }),
            () => studyB.Optimize(Zdt1, new OptimizeOptions { Trials = 40, ShowProgress = false }));

        var generations = observerA.Parents.Keys.Union(observerB.Parents.Keys).Where(g => g > 0).ToList();
        Assert.True(generations.Count >= 8, $"only {generations.Count} bred generations");
        foreach (var observer in new[] { observerA, observerB })
        {
            foreach (var (generation, parents) in observer.Parents.Where(p => p.Key > 0))
            {
                Assert.Equal(string.Join(",", SavedPopulation(studyA, algorithm, generation - 1)), parents);
            }
        }
    }

    [Fact]
    public void Optimize_Constraints_ParentsAreFeasibleOnceEnoughTrialsAre()
    {
        var sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 3, PopulationSize = 10 });
        var study = Study.Create(new StudyOptions
        {
            Sampler = sampler,
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],

            // Feasible only for x0 >= 0.6: the unconstrained front lies mostly outside.
            Constraints = t => [0.6 - (double)t.Params["x0"]!],
        });

        study.Optimize(Zdt1, new OptimizeOptions { Trials = 200, ShowProgress = false });

        var trials = study.Trials;
        var saved = SavedPopulation(study, "nsga2", sampler.Engine.Generation - 1);
        Assert.All(saved, n => Assert.True(trials[n].IsFeasible, $"parent {n} violates the constraint"));
        var lastGeneration = trials.Where(t => GenerationOf(t) == sampler.Engine.Generation - 1).ToList();
        Assert.True(lastGeneration.Count(t => t.IsFeasible) > lastGeneration.Count / 2, "the last generation should be mostly feasible");
    }

    [Fact]
    public void Optimize_MixedSpaceTwoObjectives_BreedsIntsAndCategoricalsFromTheParents()
    {
        var sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 5, PopulationSize = 10, MutationProbability = 0 });
        var study = MultiObjectiveStudy(sampler, 2);

        study.Optimize(
            t =>
            {
                var n = t.SuggestInt("n", 0, 20);
                var kind = t.SuggestCategorical("kind", ["a", "b", "c", "d"]);
                var x = t.SuggestFloat("x", 1e-3, 1, log: true);
                return [n + (kind == "a" ? 0 : 5) + x, 20 - n + (kind == "d" ? 0 : 5) + (1 / x)];
            },
            new OptimizeOptions { Trials = 60, ShowProgress = false });

        // Without mutation, a child's categorical value is one of its generation's parents' values.
        var trials = study.Trials;
        for (var generation = 1; generation < sampler.Engine.Generation; generation++)
        {
            var parentKinds = SavedPopulation(study, "nsga2", generation - 1).Select(n => trials[n].Params["kind"]).ToHashSet();
            Assert.All(trials.Where(t => GenerationOf(t) == generation), t => Assert.Contains(t.Params["kind"], parentKinds));
        }
    }

    /// <summary>ZDT1 with 30 variables: Zitzler, Deb and Thiele, "Comparison of multiobjective evolutionary algorithms:
    /// empirical results" (Evolutionary Computation 2000). The front is g = 1: f2 = 1 - sqrt(f1).</summary>
    internal static IReadOnlyList<double> Zdt1(Trial trial)
    {
        var f1 = trial.SuggestFloat("x0", 0, 1);
        var sum = 0.0;
        for (var i = 1; i < 30; i++)
        {
            sum += trial.SuggestFloat($"x{i}", 0, 1);
        }

        var g = 1 + (9 * sum / 29);
        return [f1, g * (1 - Math.Sqrt(f1 / g))];
    }

    internal static Study MultiObjectiveStudy(ISampler sampler, int objectives, IStorage? storage = null, string? name = null) =>
        Study.Create(new StudyOptions
        {
            Name = name,
            Storage = storage ?? new InMemoryStorage(),
            Sampler = sampler,
            Directions = Enumerable.Repeat(StudyDirection.Minimize, objectives).ToArray(),
        });

    internal static long GenerationOf(FrozenTrial trial) => trial.SystemAttrs.TryGetValue("nsga2:generation", out var g) && g is long l ? l : -1;

    internal static int[] SavedPopulation(Study study, string prefix, long generation) =>
        study.SystemAttrs.TryGetValue($"{prefix}:population:{generation}", out var value) && value is string text
            ? text.Split(',').Select(int.Parse).ToArray()
            : [];

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static Study RunZdt1(ISampler sampler, int trials)
    {
        var study = MultiObjectiveStudy(sampler, 2);
        study.Optimize(Zdt1, new OptimizeOptions { Trials = trials, ShowProgress = false });
        return study;
    }

    private static IEnumerable<string> Parameters(IReadOnlyList<FrozenTrial> trials) =>
        trials.Select(t => string.Join(";", t.InternalParams.Select(p => $"{p.Key}={p.Value:R}")));

    /// <summary>Delegates to an NSGA sampler and records, as each trial starts, its generation, how many complete trials
    /// the previous generation had then, and the parents it is bred from.</summary>
    private sealed class GenerationObserver : ISampler
    {
        private readonly ISampler _inner;
        private readonly NsgaEngine _engine;

        public GenerationObserver(NsgaIISampler inner) => (_inner, _engine) = (inner, inner.Engine);

        public GenerationObserver(NsgaIIISampler inner) => (_inner, _engine) = (inner, inner.Engine);

        public ConcurrentDictionary<long, List<int>> Starts { get; } = new();

        public ConcurrentDictionary<long, string> Parents { get; } = new();

        public void BeforeTrial(Study study, Trial trial)
        {
            _inner.BeforeTrial(study, trial);
            var generation = (long)trial.SystemAttrs[_engine.GenerationAttr]!;
            var previous = study.GetTrials(TrialState.Complete).Count(t => t.SystemAttrs.TryGetValue(_engine.GenerationAttr, out var g) && g is long l && l == generation - 1);
            Starts.GetOrAdd(generation, _ => []).Add(previous);
            Parents[generation] = string.Join(",", _engine.Parents.Select(p => p.Number));
        }

        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) => _inner.InferRelativeSearchSpace(study, trial);

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
            _inner.SampleRelative(study, trial, searchSpace);

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
            _inner.SampleIndependent(study, trial, name, distribution);
    }
}

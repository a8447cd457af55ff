using Hone.Distributions;
using Hone.Pbt;
using Hone.SearchSpaces;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pbt;

public class PopulationBasedTrainingTests
{
    private const int Steps = 50;

    private static readonly SearchSpace LearningRate = new SearchSpace().Add("lr", new FloatDistribution(1e-3, 1, log: true));

    public static TheoryData<string, string, PopulationBasedTrainingOptions> InvalidOptions => new()
    {
        { "PopulationSize", "must be >= 2, but got 1", new PopulationBasedTrainingOptions { PopulationSize = 1, TotalSteps = 10 } },
        { "TotalSteps", "must be >= 1, but got 0", new PopulationBasedTrainingOptions() },
        { "Interval", "must be in [1, TotalSteps = 10], but got 0", new PopulationBasedTrainingOptions { TotalSteps = 10, Interval = 0 } },
        { "Interval", "must be in [1, TotalSteps = 10], but got 11", new PopulationBasedTrainingOptions { TotalSteps = 10, Interval = 11 } },
        { "ExploitFraction", "must be in (0, 0.5], but got 0.6", new PopulationBasedTrainingOptions { TotalSteps = 10, ExploitFraction = 0.6 } },
        { "PerturbationFactors", "must be a non-empty list of finite factors > 0, but got []", new PopulationBasedTrainingOptions { TotalSteps = 10, PerturbationFactors = [] } },
        { "PerturbationFactors", "must be a non-empty list of finite factors > 0, but got [0.8, -1]", new PopulationBasedTrainingOptions { TotalSteps = 10, PerturbationFactors = [0.8, -1] } },
        { "ResampleProbability", "must be in [0, 1], but got 1.5", new PopulationBasedTrainingOptions { TotalSteps = 10, ResampleProbability = 1.5 } },
        { "Parallelism", "must be >= 1, but got 0", new PopulationBasedTrainingOptions { TotalSteps = 10, Parallelism = 0 } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_OptionOutOfRange_NamesTheRuleAndTheValue(string option, string rule, PopulationBasedTrainingOptions options)
    {
        var error = Assert.Throws<ArgumentException>(() => new PopulationBasedTraining(options));

        Assert.Contains($"PopulationBasedTrainingOptions.{option} {rule}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SeveralDirections_IsRefused()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Pbt(1).RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot)));

        Assert.Contains("has 2 directions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptySpace_SaysWhatToAdd()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Pbt(1).RunAsync(MaximizingStudy(), new SearchSpace(), slot => new NoisyQuadraticMember(slot)));

        Assert.Contains("search space of population-based training is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BestLearningRateFallsOverTime_BeatsFixedRandomRatesAtEqualSteps()
    {
        var pbt = new List<double>();
        var random = new List<double>();
        for (var seed = 1; seed <= 5; seed++)
        {
            var result = await Pbt(seed).RunAsync(MaximizingStudy(), LearningRate, slot => new NoisyQuadraticMember((seed * 100) + slot));
            Assert.Equal(8L * Steps, result.TrainedSteps);
            pbt.Add(result.Best.Score);

            // Random search with the same compute: 8 log-uniform rates, each trained for the total steps.
            var draws = new Random(seed);
            random.Add(Enumerable.Range(0, 8).Max(m => NoisyQuadraticMember.Fixed((seed * 100) + m, Math.Pow(10, -3 * draws.NextDouble()), Steps)));
        }

        Assert.True(Median(pbt) > Median(random), $"PBT median {Median(pbt)} vs random search {Median(random)}");
    }

    [Fact]
    public async Task RunAsync_Completes_RecordsEachSegmentAsATrialWithItsLineage()
    {
        var study = MaximizingStudy();

        var result = await Pbt(3).RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot));

        var trials = study.Trials;
        Assert.All(trials, t => Assert.NotEqual(TrialState.Running, t.State));
        Assert.Equal(8, trials.Count(t => t.State == TrialState.Complete));
        Assert.Contains(trials, t => t.State == TrialState.Pruned);
        Assert.Equal(study.BestTrial.Number, result.Best.Trial.Number);
        Assert.Equal(result.Best.Score, study.BestValue);
        Assert.Equal(Enumerable.Range(0, 8), result.Population.Select(m => m.Member));

        var lineage = result.Lineage;
        Assert.Equal(trials.Count, lineage.Segments.Count);
        Assert.Equal(8, lineage.Segments.Count(s => s.Reason == PbtSegmentReason.Initial));
        foreach (var exploit in lineage.Segments.Where(s => s.Reason == PbtSegmentReason.Exploit))
        {
            var parent = lineage.Segments.Single(s => s.Trial == exploit.ParentTrial);
            Assert.Equal(parent.Member, exploit.ParentMember);
            Assert.Equal(parent.Hyperparameters["lr"], exploit.CopiedHyperparameters!["lr"]);
            Assert.Contains(exploit.ParentStep!.Value, parent.Scores.Keys);
            var previous = lineage.Segments.Single(s => s.Trial == exploit.PreviousTrial);
            Assert.Equal(exploit.Member, previous.Member);
            Assert.Equal(TrialState.Pruned, previous.State);
            Assert.Equal(previous.EndStep, exploit.StartStep);
        }

        var ancestry = lineage.Ancestry(result.Best.Trial.Number);
        Assert.Equal(PbtSegmentReason.Initial, ancestry[0].Reason);
        Assert.Equal(result.Best.Trial.Number, ancestry[^1].Trial);
        Assert.Equal(Steps, ancestry[^1].EndStep);
    }

    [Fact]
    public async Task RunAsync_MemberReportsEveryStep_TrialsHoldEveryScore()
    {
        var study = MaximizingStudy();

        var result = await Pbt(12).RunAsync(study, LearningRate, slot => new FaultyMember(new NoisyQuadraticMember(slot))
        {
            OnTrainArguments = arguments =>
            {
                for (var step = arguments.Step + 1; step < arguments.Step + arguments.Steps; step++)
                {
                    arguments.Report(-step, step);
                }
            },
        });

        foreach (var segment in result.Lineage.Segments)
        {
            Assert.Equal(Enumerable.Range(segment.StartStep + 1, segment.EndStep - segment.StartStep), segment.Scores.Keys.Order());
            Assert.Equal(-(segment.EndStep - 1), segment.Scores[segment.EndStep - 1]);
        }
    }

    [Fact]
    public async Task RunAsync_StudySamplerThatThrows_TakesNoPart()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize], Sampler = new ThrowingSampler() });

        var result = await Pbt(13).RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot));

        Assert.Equal(8, result.Population.Count);
    }

    [Fact]
    public async Task RunAsync_SaveThrows_FailsThatMemberWhileThePopulationGoesOn()
    {
        var study = MaximizingStudy();
        var saves = 0;

        var result = await Pbt(4).RunAsync(study, LearningRate, slot => new FaultyMember(new NoisyQuadraticMember(slot))
        {
            OnSave = () =>
            {
                if (slot == 2 && ++saves == 3)
                {
                    throw new IOException("disk full");
                }
            },
        });

        var failed = Assert.Single(study.GetTrials(TrialState.Failed));
        Assert.Equal("Member 2 failed while saving a checkpoint at step 15: IOException: disk full", failed.SystemAttrs["fail_reason"]);
        Assert.Equal(8, result.Population.Count);
        var restart = Assert.Single(result.Lineage.Segments, s => s.Reason == PbtSegmentReason.Restart);
        Assert.Equal(2, restart.Member);
        Assert.Equal(failed.Number, restart.PreviousTrial);
        Assert.NotNull(restart.ParentTrial);
        Assert.Equal(15, restart.StartStep);
    }

    [Fact]
    public async Task RunAsync_RestoreAlwaysThrowsForOneSlot_GivesThatSlotUpAndFinishesTheOthers()
    {
        var study = MaximizingStudy();

        // Slot 0 scores worst, so it copies another member at its first chance.
        var result = await Pbt(5).RunAsync(study, LearningRate, slot => new FaultyMember(new NoisyQuadraticMember(slot))
        {
            Score = s => slot == 0 ? s - 1000 : s,
            OnRestore = () =>
            {
                if (slot == 0)
                {
                    throw new InvalidDataException("corrupt checkpoint");
                }
            },
        });

        var failed = study.GetTrials(TrialState.Failed);
        Assert.Equal(3, failed.Count);
        Assert.All(failed, t => Assert.Contains("Member 0 failed while restoring a checkpoint", (string)t.SystemAttrs["fail_reason"]!, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 7), result.Population.Select(m => m.Member));
        Assert.All(study.Trials, t => Assert.NotEqual(TrialState.Running, t.State));
    }

    [Fact]
    public async Task RunAsync_EveryMemberFails_ThrowsWithTheLastReason()
    {
        var study = MaximizingStudy();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Pbt(6).RunAsync(study, LearningRate, slot => new FaultyMember(new NoisyQuadraticMember(slot)) { OnTrain = () => throw new ArithmeticException("diverged") }));

        Assert.Contains("Every member of the population failed 3 times in a row", error.Message, StringComparison.Ordinal);
        Assert.Contains("ArithmeticException: diverged", error.Message, StringComparison.Ordinal);
        Assert.Equal(24, study.GetTrials(TrialState.Failed).Count);
    }

    [Fact]
    public async Task RunAsync_ScoreNotANumber_FailsTheMember()
    {
        var study = MaximizingStudy();
        var calls = 0;

        await Pbt(7).RunAsync(study, LearningRate, slot => new FaultyMember(new NoisyQuadraticMember(slot)) { Score = s => slot == 5 && ++calls == 2 ? double.NaN : s });

        var failed = Assert.Single(study.GetTrials(TrialState.Failed));
        Assert.Equal("Member 5 failed while training at step 5: TrainAsync returned NaN; scores must be finite numbers.", failed.SystemAttrs["fail_reason"]);
    }

    [Fact]
    public async Task RunAsync_SameSeedOneAtATime_RepeatsTheRun()
    {
        static async Task<string[]> Run()
        {
            var study = MaximizingStudy();
            await Pbt(8).RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot));
            return [.. PbtLineage.Read(study).Segments.Select(s => $"{s.Trial} {s.Member} {s.State} {s.ParentTrial} {s.StartStep} {s.Hyperparameters["lr"]:R} {s.Score:R}")];
        }

        Assert.Equal(await Run(), await Run());
    }

    [Fact]
    public async Task RunAsync_MembersInParallel_TrainsEveryMemberToTheEnd()
    {
        var study = MaximizingStudy();
        var pbt = new PopulationBasedTraining(new PopulationBasedTrainingOptions { TotalSteps = Steps, Seed = 9, Parallelism = 4 });

        var result = await pbt.RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot));

        Assert.Equal(8, result.Population.Count);
        Assert.Equal(8L * Steps, result.TrainedSteps);
        Assert.All(study.Trials, t => Assert.NotEqual(TrialState.Running, t.State));
        Assert.All(result.Population, m => Assert.Equal(Steps, m.Trial.IntermediateValues.Keys.Max()));
    }

    [Fact]
    public async Task RunAsync_Cancelled_FailsTheRunningSegmentsAndThrows()
    {
        var study = MaximizingStudy();
        using var cancellation = new CancellationTokenSource();
        var intervals = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pbt(10).RunAsync(
            study,
            LearningRate,
            slot => new FaultyMember(new NoisyQuadraticMember(slot))
            {
                OnTrain = () =>
                {
                    if (++intervals == 12)
                    {
                        cancellation.Cancel();
                        cancellation.Token.ThrowIfCancellationRequested();
                    }
                },
            },
            cancellation.Token));

        Assert.Empty(study.GetTrials(TrialState.Running));
        Assert.All(study.GetTrials(TrialState.Failed), t => Assert.Equal("Cancelled before the segment finished.", t.SystemAttrs["fail_reason"]));
        Assert.Equal(8, study.GetTrials(TrialState.Failed).Count);
    }

    [Fact]
    public async Task RunAsync_SqliteStorage_LineageReadsBackFromALoadedStudy()
    {
        using var database = new TemporaryDatabase();
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = Study.Create(new StudyOptions { Name = "pbt", Storage = storage, Directions = [StudyDirection.Maximize] });
            await Pbt(11).RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot));
        }

        using var reopened = new SqliteStorage(database.Path);
        var lineage = PbtLineage.Read(Study.Load("pbt", reopened));

        Assert.Equal(8, lineage.Segments.Count(s => s.Reason == PbtSegmentReason.Initial));
        Assert.Contains(lineage.Segments, s => s.Reason == PbtSegmentReason.Exploit && s.ParentTrial is not null && s.CopiedHyperparameters is { Count: 1 } && s.Explore is { Count: 1 });
        Assert.Equal(8, lineage.Segments.Count(s => s.State == TrialState.Complete && s.EndStep == Steps));
    }

    private static PopulationBasedTraining Pbt(int seed) =>
        new(new PopulationBasedTrainingOptions { TotalSteps = Steps, Interval = 5, Seed = seed });

    private static Study MaximizingStudy() => Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize] });

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>A sampler that fails whenever it is called.</summary>
    private sealed class ThrowingSampler : Hone.Samplers.ISampler
    {
        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) => throw new InvalidOperationException("sampler called");

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => throw new InvalidOperationException("sampler called");

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) => throw new InvalidOperationException("sampler called");

        public void BeforeTrial(Study study, Trial trial) => throw new InvalidOperationException("sampler called");

        public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) => throw new InvalidOperationException("sampler called");
    }

    /// <summary>Wraps a member and runs hooks before each call, to inject failures.</summary>
    private sealed class FaultyMember(IPbtMember<double> inner) : IPbtMember<double>
    {
        public Action OnTrain { get; init; } = () => { };

        public Action<PbtTrainArguments> OnTrainArguments { get; init; } = _ => { };

        public Action OnSave { get; init; } = () => { };

        public Action OnRestore { get; init; } = () => { };

        public Func<double, double> Score { get; init; } = s => s;

        public async Task<double> TrainAsync(PbtTrainArguments arguments, CancellationToken cancellationToken)
        {
            OnTrain();
            OnTrainArguments(arguments);
            return Score(await inner.TrainAsync(arguments, cancellationToken));
        }

        public Task<double> SaveAsync(CancellationToken cancellationToken)
        {
            OnSave();
            return inner.SaveAsync(cancellationToken);
        }

        public Task RestoreAsync(double checkpoint, CancellationToken cancellationToken)
        {
            OnRestore();
            return inner.RestoreAsync(checkpoint, cancellationToken);
        }
    }
}

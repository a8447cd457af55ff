using System.Collections.Concurrent;
using System.Globalization;
using Hone.Distributions;
using Hone.Pbt;
using Hone.SearchSpaces;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pbt;

public class PopulationBasedTrainingResumeTests
{
    private const int Steps = 40;
    private const int Interval = 5;

    private static readonly SearchSpace LearningRate = new SearchSpace().Add("lr", new FloatDistribution(1e-3, 1, log: true));

    private static readonly PbtCheckpointFormat<double> Format = new(
        theta => theta.ToString("R", CultureInfo.InvariantCulture),
        text => double.Parse(text, CultureInfo.InvariantCulture));

    [Fact]
    public async Task RunAsync_ProcessStoppedMidRun_ResumesEveryMemberFromItsLatestCheckpoint()
    {
        using var database = new TemporaryDatabase();
        var saved = new ConcurrentDictionary<(int Member, int Step), double>();
        var frozen = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var intervals = 0;
        using var first = new SqliteStorage(database.Path);

        // The first run hangs for good in its 19th interval, as a killed process would: its segments stay running.
        _ = Pbt().RunAsync(
            NewStudy(first),
            LearningRate,
            slot => new RecordingMember(new NoisyQuadraticMember(slot))
            {
                Train = args => ++intervals == 19 ? frozen.Task : null,
                Saved = (step, theta) => saved[(slot, step)] = theta,
            },
            Format);
        await WaitUntil(() => Volatile.Read(ref intervals) >= 19);
        var latest = saved.GroupBy(s => s.Key.Member).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Key.Step));

        using var second = new SqliteStorage(database.Path);
        var study = NewStudy(second, loadIfExists: true);
        var resumed = new ConcurrentDictionary<int, (double Restored, int FirstStep)>();
        var result = await Pbt().RunAsync(
            study,
            LearningRate,
            slot => new RecordingMember(new NoisyQuadraticMember(slot))
            {
                Restored = theta => resumed.TryAdd(slot, (theta, -1)),
                Train = args =>
                {
                    resumed.AddOrUpdate(slot, _ => (double.NaN, args.Step), (_, r) => r.FirstStep < 0 ? (r.Restored, args.Step) : r);
                    return null;
                },
            },
            Format);

        Assert.Equal(8, latest.Count);
        foreach (var (member, checkpoint) in latest)
        {
            Assert.Equal((checkpoint.Value, checkpoint.Key.Step), resumed[member]);
        }

        Assert.Equal(latest.Values.Sum(c => Steps - c.Key.Step), result.TrainedSteps);
        Assert.Empty(study.GetTrials(TrialState.Running));
        Assert.Equal(8, study.GetTrials(TrialState.Complete).Count);
        Assert.Equal(Enumerable.Range(0, 8), result.Population.Select(m => m.Member));
        Assert.All(result.Population, m => Assert.Equal(Steps, result.Lineage.Segments.Single(s => s.Trial == m.Trial.Number).EndStep));
        var interrupted = study.GetTrials(TrialState.Failed);
        Assert.NotEmpty(interrupted);
        Assert.All(interrupted, t => Assert.StartsWith("The run was interrupted", (string)t.SystemAttrs["fail_reason"]!, StringComparison.Ordinal));
        var resumes = result.Lineage.Segments.Where(s => s.Reason == PbtSegmentReason.Resume).ToList();
        Assert.Equal(8, resumes.Count);
        foreach (var segment in resumes)
        {
            var parent = result.Lineage.Segments.Single(s => s.Trial == segment.ParentTrial);
            Assert.Equal(segment.Member, parent.Member);
            Assert.Equal(latest[segment.Member].Key.Step, segment.StartStep);
            Assert.Equal(parent.Hyperparameters["lr"], segment.Hyperparameters["lr"]);
        }
    }

    [Fact]
    public async Task RunAsync_CancelledThenResumedWithParallelMembers_FinishesEveryMember()
    {
        var storage = new InMemoryStorage();
        using var cancellation = new CancellationTokenSource();
        var intervals = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pbt().RunAsync(
            NewStudy(storage),
            LearningRate,
            slot => new RecordingMember(new NoisyQuadraticMember(slot))
            {
                Train = _ =>
                {
                    if (++intervals == 30)
                    {
                        cancellation.Cancel();
                    }

                    return null;
                },
            },
            Format,
            cancellation.Token));

        var study = Study.Load("pbt", storage);
        var parallel = new PopulationBasedTraining(new PopulationBasedTrainingOptions { TotalSteps = Steps, Interval = Interval, Seed = 5, Parallelism = 3 });
        var result = await parallel.RunAsync(study, LearningRate, slot => new NoisyQuadraticMember(slot), Format);

        Assert.Equal(8, result.Population.Count);
        Assert.Equal(8, study.GetTrials(TrialState.Complete).Count);
        Assert.True(result.TrainedSteps < 8 * Steps, $"trained {result.TrainedSteps} steps after the resume");
    }

    [Fact]
    public async Task RunAsync_EveryMemberFinished_ReturnsThePopulationWithoutTraining()
    {
        var (storage, done) = await FinishedRun(Format);
        var trials = storage.GetAllTrials(storage.GetStudy("pbt").Id, null).Count;

        var again = await Pbt().RunAsync(Study.Load("pbt", storage), LearningRate, slot => new NoisyQuadraticMember(slot), Format);

        Assert.Equal(0, again.TrainedSteps);
        Assert.Equal(trials, storage.GetAllTrials(storage.GetStudy("pbt").Id, null).Count);
        Assert.Equal(done.Population.Select(m => (m.Trial.Number, m.Score, m.Checkpoint)), again.Population.Select(m => (m.Trial.Number, m.Score, m.Checkpoint)));
        Assert.Equal(done.Best.Trial.Number, again.Best.Trial.Number);
        foreach (var member in again.Population)
        {
            Assert.Equal(member.Checkpoint, await member.Model.SaveAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task RunAsync_StudyHoldsARunWithoutCheckpoints_RefusesToMixOrResume()
    {
        var (storage, _) = await FinishedRun(format: null);

        var mixed = await Assert.ThrowsAsync<ArgumentException>(() => Pbt().RunAsync(Study.Load("pbt", storage), LearningRate, slot => new NoisyQuadraticMember(slot)));
        var resumed = await Assert.ThrowsAsync<ArgumentException>(() => Pbt().RunAsync(Study.Load("pbt", storage), LearningRate, slot => new NoisyQuadraticMember(slot), Format));

        Assert.Contains("already holds a population-based training run", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("passing a PbtCheckpointFormat to RunAsync", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("stored no checkpoint", resumed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResumedWithASmallerPopulation_IsRefused()
    {
        var (storage, _) = await FinishedRun(Format);
        var smaller = new PopulationBasedTraining(new PopulationBasedTrainingOptions { PopulationSize = 4, TotalSteps = Steps, Interval = Interval, Seed = 3 });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => smaller.RunAsync(Study.Load("pbt", storage), LearningRate, slot => new NoisyQuadraticMember(slot), Format));

        Assert.Contains("members up to slot 7, but PopulationSize is 4", error.Message, StringComparison.Ordinal);
    }

    private static PopulationBasedTraining Pbt() =>
        new(new PopulationBasedTrainingOptions { TotalSteps = Steps, Interval = Interval, Seed = 5 });

    private static Study NewStudy(IStorage storage, bool loadIfExists = false) =>
        Study.Create(new StudyOptions { Name = "pbt", Storage = storage, Directions = [StudyDirection.Maximize], LoadIfExists = loadIfExists });

    /// <summary>A whole run in a new in-memory study, storing checkpoint texts when a format is given.</summary>
    private static async Task<(InMemoryStorage Storage, PbtResult<double> Result)> FinishedRun(PbtCheckpointFormat<double>? format)
    {
        var storage = new InMemoryStorage();
        var result = format is null
            ? await Pbt().RunAsync(NewStudy(storage), LearningRate, slot => new NoisyQuadraticMember(slot))
            : await Pbt().RunAsync(NewStudy(storage), LearningRate, slot => new NoisyQuadraticMember(slot), format);
        return (storage, result);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "the first run did not reach the interval where it stops");
    }

    /// <summary>Wraps a member, reports what it saves and restores, and can hold a training call forever.</summary>
    private sealed class RecordingMember(IPbtMember<double> inner) : IPbtMember<double>
    {
        private int _step;

        /// <summary>Called before each training call; a task returned in place of null is awaited instead of training.</summary>
        public Func<PbtTrainArguments, Task<double>?> Train { get; init; } = _ => null;

        public Action<int, double> Saved { get; init; } = (_, _) => { };

        public Action<double> Restored { get; init; } = _ => { };

        public async Task<double> TrainAsync(PbtTrainArguments arguments, CancellationToken cancellationToken)
        {
            if (Train(arguments) is { } held)
            {
                return await held;
            }

            _step = arguments.Step + arguments.Steps;
            return await inner.TrainAsync(arguments, cancellationToken);
        }

        public async Task<double> SaveAsync(CancellationToken cancellationToken)
        {
            var theta = await inner.SaveAsync(cancellationToken);
            Saved(_step, theta);
            return theta;
        }

        public Task RestoreAsync(double checkpoint, CancellationToken cancellationToken)
        {
            Restored(checkpoint);
            return inner.RestoreAsync(checkpoint, cancellationToken);
        }
    }
}

using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pruners;

/// <summary>What every pruner must do; each pruner's tests derive from this class.</summary>
/// <remarks>The studies run <see cref="LearningCurveObjective"/>: noise-free curves on which configuration 0 is the best
/// at every step, and configurations above 0.5 are poor and over-fit.</remarks>
public abstract class PrunerContractTests
{
    private const int Trials = 30;

    /// <summary>Creates the pruner under test for a study of the given direction.</summary>
    protected abstract IPruner CreatePruner(StudyDirection direction);

    /// <summary>Whether the pruner is expected to prune some of the poor trials of the contract's studies.</summary>
    protected virtual bool PrunesPoorTrials => true;

    /// <summary>Whether the pruner ranks intermediate vectors, so that a multi-objective study accepts it; the built-in
    /// pruners that judge one value are refused there.</summary>
    protected virtual bool JudgesSeveralObjectives => false;

    public static TheoryData<StudyDirection> Directions() => [StudyDirection.Minimize, StudyDirection.Maximize];

    [Theory]
    [MemberData(nameof(Directions))]
    public void Prune_NoReportYet_ReturnsFalse(StudyDirection direction)
    {
        var study = Study.Create(new StudyOptions { Pruner = CreatePruner(direction), Directions = [direction] });
        study.Optimize(LearningCurveObjective.For(direction), Options(Trials));

        var trial = study.Ask();

        Assert.False(trial.ShouldPrune());
        Assert.False(study.Pruner.Prune(study, trial.Snapshot()));
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Prune_NaNValues_NeverThrows(StudyDirection direction)
    {
        var pruner = CreatePruner(direction);
        var nan = double.NaN;
        var study = PrunerStudies.WithCompleteCurves(pruner, direction, [nan, 1, nan], [1, nan, 2], [nan, nan, nan], [1, 2, 3], [2, 3, 4], [3, 4, 5]);

        var allNaN = PrunerStudies.Running(study, nan, nan, nan);
        var someNaN = PrunerStudies.Running(study, 1, nan, 2, nan);

        _ = PrunerStudies.Decide(study, allNaN);
        _ = PrunerStudies.Decide(study, someNaN);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Optimize_LearningCurves_KeepsTheBestConfigurationAndPrunesPoorOnes(StudyDirection direction)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1), Pruner = CreatePruner(direction), Directions = [direction] });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.9 });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.8 });

        study.Optimize(LearningCurveObjective.For(direction), Options(Trials / 2));
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.0 });
        study.Optimize(LearningCurveObjective.For(direction), Options(Trials / 2));

        var best = Assert.Single(study.Trials, t => (double)t.Params["x"]! == 0.0);
        Assert.Equal(TrialState.Complete, best.State);
        Assert.Equal(best.Number, study.BestTrial.Number);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Failed);
        Assert.Equal(PrunesPoorTrials, study.Trials.Any(t => t.State == TrialState.Pruned));
    }

    [Fact]
    public void Optimize_SameSeedTwice_MakesTheSameDecisions()
    {
        static string Run(IPruner pruner)
        {
            var study = Study.Create(new StudyOptions { Name = "contract", Sampler = new RandomSampler(5), Pruner = pruner });
            study.Optimize(LearningCurveObjective.For(StudyDirection.Minimize), Options(Trials));
            return string.Join(";", study.Trials.Select(t => $"{t.State}@{t.IntermediateValues.Count}"));
        }

        Assert.Equal(Run(CreatePruner(StudyDirection.Minimize)), Run(CreatePruner(StudyDirection.Minimize)));
    }

    [Fact]
    public void Optimize_ParallelWorkers_EndsEveryTrialCompleteOrPruned()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3), Pruner = CreatePruner(StudyDirection.Minimize) });

        study.Optimize(LearningCurveObjective.For(StudyDirection.Minimize), new OptimizeOptions { Trials = Trials * 2, Parallelism = 4, ShowProgress = false });

        Assert.Equal(Trials * 2, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number} is {t.State}"));
    }

    [Fact]
    public void Optimize_ResumedFromSqlite_GoesOnJudgingAgainstStoredTrials()
    {
        using var database = new TemporaryDatabase();
        var direction = StudyDirection.Minimize;
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = Study.Create(new StudyOptions { Name = "resumed", Storage = storage, Sampler = new RandomSampler(4), Pruner = CreatePruner(direction) });
            study.Optimize(LearningCurveObjective.For(direction), Options(Trials));
        }

        using (var storage = new SqliteStorage(database.Path))
        {
            var study = Study.Load("resumed", storage, new RandomSampler(5), CreatePruner(direction));
            study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.95 });
            study.Optimize(LearningCurveObjective.For(direction), Options(Trials / 3));

            Assert.Equal(Trials + (Trials / 3), study.Trials.Count);
            Assert.All(study.Trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number} is {t.State}"));

            // The first trial after the restart is poor: a pruner that remembers the stored trials stops it.
            Assert.Equal(PrunesPoorTrials ? TrialState.Pruned : TrialState.Complete, study.Trials[Trials].State);
        }
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Optimize_TwoObjectiveStudy_RunsTheLearningCurvesOrIsRefusedNamingTheParetoPruners(StudyDirection second)
    {
        var storage = new InMemoryStorage();
        StudyDirection[] directions = [StudyDirection.Minimize, second];
        var options = new StudyOptions { Name = "two", Storage = storage, Sampler = new RandomSampler(2), Pruner = CreatePruner(StudyDirection.Minimize), Directions = directions };
        if (!JudgesSeveralObjectives)
        {
            var error = Assert.Throws<ArgumentException>(() => Study.Create(options));
            storage.CreateStudy("stored", directions, DateTimeOffset.UnixEpoch);
            var loaded = Assert.Throws<ArgumentException>(() => Study.Load("stored", storage, pruner: options.Pruner));

            Assert.Contains($"{options.Pruner!.GetType().Name} judges one objective, but study 'two' has 2", error.Message, StringComparison.Ordinal);
            Assert.Contains("ParetoMedianPruner or ParetoSuccessiveHalvingPruner", error.Message, StringComparison.Ordinal);
            Assert.Contains("study 'stored' has 2", loaded.Message, StringComparison.Ordinal);
            Assert.Equal(["stored"], storage.GetAllStudies().Select(s => s.Name));
            return;
        }

        var study = Study.Create(options);
        var objective = LearningCurveObjective.TwoObjectives(StudyDirection.Minimize, second);
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["z"] = 0.9 });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.4, ["z"] = 0.8 });
        study.Optimize(objective, Options(Trials / 2));
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.0, ["z"] = 0.0 });
        study.Optimize(objective, Options(Trials / 2));

        // (0, 0) is an end of the Pareto front at every step: no pruner may stop it.
        var end = Assert.Single(study.Trials, t => (double)t.Params["x"]! == 0.0);
        Assert.Equal(TrialState.Complete, end.State);
        Assert.Contains(study.BestTrials, t => t.Number == end.Number);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Failed);
        Assert.Equal(PrunesPoorTrials, study.Trials.Any(t => t.State == TrialState.Pruned));
    }

    private static OptimizeOptions Options(int trials) => new() { Trials = trials, ShowProgress = false };
}

using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Studies;

public class StudyConstraintsTests
{
    [Fact]
    public void Optimize_ConstraintsCallback_StoresValuesWithEachCompleteTrial()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new RandomSampler(seed: 3),
            Constraints = t => [(double)t.Params["x"]! - 1],
        });

        study.Optimize(t => t.SuggestFloat("x", 0, 2), new OptimizeOptions { Trials = 20, ShowProgress = false });

        foreach (var trial in study.Trials)
        {
            Assert.Equal([(double)trial.Params["x"]! - 1], trial.Constraints!);
            Assert.Equal((double)trial.Params["x"]! <= 1, trial.IsFeasible);
        }
    }

    [Fact]
    public void BestTrial_SomeFeasible_IsTheBestFeasibleNotTheBestOverall()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize] });
        Tell(study, value: 0.1, constraint: 5);
        Tell(study, value: 0.5, constraint: -1);
        Tell(study, value: 0.9, constraint: 0);

        Assert.Equal(1, study.BestTrial.Number);
        Assert.Equal(0.5, study.BestValue);
    }

    [Fact]
    public void BestTrial_NoneFeasible_IsTheLeastViolating()
    {
        var study = Study.Create();
        Tell(study, value: 0.1, constraint: 5);
        Tell(study, value: 0.9, constraint: 2);
        Tell(study, value: 0.5, constraint: 3);

        Assert.Equal(1, study.BestTrial.Number);
    }

    [Fact]
    public void BestTrials_TwoObjectivesWithConstraints_IsTheFeasibleFront()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        Tell(study, [0, 0], constraint: 1);
        Tell(study, [1, 2], constraint: 0);
        Tell(study, [2, 1], constraint: -1);
        Tell(study, [3, 3], constraint: -1);

        Assert.Equal([1, 2], study.BestTrials.Select(t => t.Number));
    }

    [Fact]
    public void BestTrials_TwoObjectivesNoneFeasible_IsTheFrontOfTheLeastViolating()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        Tell(study, [0, 0], constraint: 2);
        Tell(study, [1, 2], constraint: 1);
        Tell(study, [2, 1], constraint: 1);
        Tell(study, [3, 3], constraint: 1);

        Assert.Equal([1, 2], study.BestTrials.Select(t => t.Number));
    }

    [Theory]
    [MemberData(nameof(MultiObjectiveSamplers.Names), MemberType = typeof(MultiObjectiveSamplers))]
    public void BestTrials_SamplerThatNeverFindsAFeasibleTrial_AreTheLeastViolating(string sampler)
    {
        // The constraint 0.1 + |x - 0.3| > 0 holds nowhere: every trial violates it, some less than others.
        var study = Study.Create(new StudyOptions
        {
            Sampler = MultiObjectiveSamplers.Create(sampler),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
            Constraints = t => [0.1 + Math.Abs((double)t.Params["x"]! - 0.3)],
        });

        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var y = t.SuggestFloat("y", 0, 1);
                return [x + y, 1 - x + y];
            },
            new OptimizeOptions { Trials = 30, ShowProgress = false });

        var least = study.Trials.Min(t => t.Violation);
        Assert.All(study.Trials, t => Assert.False(t.IsFeasible));
        Assert.NotEmpty(study.BestTrials);
        Assert.All(study.BestTrials, t => Assert.Equal(least, t.Violation));
        Assert.Equal(0, study.Hypervolume());
    }

    [Fact]
    public void Hypervolume_SomeFeasible_MeasuresTheFeasibleTrialsOnly()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        Tell(study, [0, 0], constraint: 1);
        Tell(study, [1, 2], constraint: 0);
        Tell(study, [2, 1], constraint: -1);

        // Two boxes of 2 × 1 against [3, 3], overlapping in [2, 3) × [2, 3).
        Assert.Equal(3, study.Hypervolume([3, 3]));
    }

    [Fact]
    public void Hypervolume_NoneFeasible_IsZero()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        Tell(study, [0, 0], constraint: 1);

        Assert.Equal(0, study.Hypervolume([3, 3]));
        Assert.Equal(0, study.Hypervolume());
    }

    [Fact]
    public void Tell_NaNConstraint_ThrowsAndLeavesTheTrialRunning()
    {
        var study = Study.Create();
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => study.Tell(trial, [1.0], [double.NaN]));

        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        study.Tell(trial, [1.0], [0.0]);
        Assert.Equal(TrialState.Complete, study.Trials[0].State);
    }

    [Fact]
    public void Constraints_SqliteStorage_RoundTrip()
    {
        using var database = new TemporaryDatabase();
        var path = database.Path;
        using (var storage = new SqliteStorage(path))
        {
            var study = Study.Create(new StudyOptions { Name = "c", Storage = storage });
            Tell(study, value: 1, constraint: 0.25);
        }

        using var reopened = new SqliteStorage(path);
        var trial = Study.Load("c", reopened).Trials[0];
        Assert.Equal([0.25], trial.Constraints!);
        Assert.False(trial.IsFeasible);
        Assert.Equal(0.25, trial.Violation);
    }

    [Fact]
    public void GetTrials_RunningTrialOfThisProcess_ShowsParametersNotYetWritten()
    {
        var study = Study.Create();
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);

        Assert.Empty(study.Storage.GetAllTrials(study.Id)[0].Params);
        var running = Assert.Single(study.GetTrials(TrialState.Running));
        Assert.Equal(trial.Params["x"], running.Params["x"]);
    }

    private static void Tell(Study study, double value, double constraint) => Tell(study, [value], constraint);

    private static void Tell(Study study, double[] values, double constraint) => study.Tell(study.Ask(), values, [constraint]);
}

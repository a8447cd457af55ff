using DigitsMlp.Training;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace DigitsMlp.Tests;

public class DigitsObjectiveTests
{
    [Fact]
    public void Evaluate_UnprunedTrial_ReportsEveryEpochAndReturnsTheLastAccuracy()
    {
        var study = SmallStudy(new NopPruner(), trials: 1);
        var objective = new DigitsObjective(Digits.Split(), maxEpochs: 3, seed: 1);

        study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = 1, ShowProgress = false });

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal([0, 1, 2], trial.IntermediateValues.Keys.Order());
        Assert.Equal(trial.IntermediateValues[2], trial.Value);
        Assert.Equal(3, objective.EpochsTrained);
    }

    [Fact]
    public void Evaluate_PrunerSaysStop_StopsAfterThatEpoch()
    {
        var study = SmallStudy(new ThresholdPruner(new ThresholdPrunerOptions { Lower = 0.999 }), trials: 1);
        var objective = new DigitsObjective(Digits.Split(), maxEpochs: 3, seed: 1);

        study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = 1, ShowProgress = false });

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Pruned, trial.State);
        Assert.Single(trial.IntermediateValues);
        Assert.Equal(1, objective.EpochsTrained);
    }

    [Fact]
    public void Evaluate_EpochBudgetSpentMidTrial_PrunesThatTrialAndStopsTheStudy()
    {
        var study = SmallStudy(new NopPruner(), trials: 5);
        var objective = new DigitsObjective(Digits.Split(), maxEpochs: 2, seed: 1) { EpochBudget = 5 };

        study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = 5, ShowProgress = false });

        // The two enqueued trials left were never started.
        Assert.Equal([TrialState.Complete, TrialState.Complete, TrialState.Pruned, TrialState.Waiting, TrialState.Waiting], study.Trials.Select(t => t.State));
        Assert.Equal(5, objective.EpochsTrained);
    }

    [Fact]
    public void Evaluate_SameSeedAndParameters_SameCurve()
    {
        IReadOnlyDictionary<int, double> Curve()
        {
            var study = SmallStudy(new NopPruner(), trials: 1);
            study.Optimize(new DigitsObjective(Digits.Split(), maxEpochs: 2, seed: 9).Evaluate, new OptimizeOptions { Trials = 1, ShowProgress = false });
            return study.Trials[0].IntermediateValues;
        }

        Assert.Equal(Curve(), Curve());
    }

    [Fact]
    public void Refit_CompleteTrial_TrainsTheNetworkThatTrialScored()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3), Directions = [StudyDirection.Maximize] });
        var objective = new DigitsObjective(Digits.Split(), maxEpochs: 2, seed: 4);
        study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = 3, ShowProgress = false });

        // The last trial, so that its own seed (not the first trial's) must be used.
        var trial = study.Trials[2];
        var trainer = objective.Refit(trial);

        Assert.Equal(trial.Value, trainer.Accuracy(Digits.Split().Validation));
        Assert.Equal(2, trainer.Epochs);
        Assert.Equal(6, objective.EpochsTrained);
    }

    /// <summary>A study whose first trials train a small, quick network.</summary>
    private static Study SmallStudy(IPruner pruner, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1), Pruner = pruner, Directions = [StudyDirection.Maximize] });
        for (var i = 0; i < trials; i++)
        {
            study.EnqueueTrial(new Dictionary<string, object?>
            {
                ["learning_rate"] = 3e-3,
                ["batch_size"] = 128,
                ["layers"] = 1,
                ["units_1"] = 16,
                ["activation"] = Activation.Relu,
                ["dropout"] = 0.0,
                ["weight_decay"] = 1e-5,
                ["optimizer"] = OptimizerKind.Adam,
            });
        }

        return study;
    }
}

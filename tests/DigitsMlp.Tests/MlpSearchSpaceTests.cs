using DigitsMlp.Training;
using Hone.Samplers;
using Hone.Studies;

namespace DigitsMlp.Tests;

public class MlpSearchSpaceTests
{
    [Fact]
    public void Suggest_ManyTrials_GivesUnitsForExactlyTheLayersThatExistAndStaysInRange()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1), Directions = [StudyDirection.Maximize] });
        var suggested = new List<MlpHyperparameters>();

        study.Optimize(
            trial =>
            {
                suggested.Add(MlpSearchSpace.Suggest(trial));
                return 0;
            },
            new OptimizeOptions { Trials = 60, ShowProgress = false });

        foreach (var (trial, hyperparameters) in study.Trials.Zip(suggested))
        {
            var layers = (int)trial.Params["layers"]!;
            Assert.Equal(layers, hyperparameters.HiddenUnits.Count);
            for (var l = 1; l <= MlpSearchSpace.MaxLayers; l++)
            {
                Assert.Equal(l <= layers, trial.Params.ContainsKey($"units_{l}"));
            }

            Assert.All(hyperparameters.HiddenUnits, u => Assert.InRange(u, 16, 256));
            Assert.InRange(hyperparameters.LearningRate, 1e-4, 1e-1);
            Assert.Contains(hyperparameters.BatchSize, new[] { 16, 32, 64, 128 });
            Assert.InRange(hyperparameters.Dropout, 0, 0.5);
            Assert.InRange(hyperparameters.WeightDecay, 1e-6, 1e-2);
        }

        Assert.Equal([1, 2, 3], suggested.Select(h => h.HiddenUnits.Count).Distinct().Order());
        Assert.Equal(2, suggested.Select(h => h.Optimizer).Distinct().Count());
        Assert.Equal(3, suggested.Select(h => h.Activation).Distinct().Count());
    }
}

// Hyperparameter and architecture search for a multilayer perceptron on the handwritten digits: TPE proposes the
// training settings, the number of hidden layers and the units of each; every trial reports its validation accuracy
// after each epoch, and a pruner stops the trials that fall behind. The study lives in digits-mlp.db (SQLite): run it
// again and it goes on where it stopped. See README.md.
using System.Diagnostics;
using System.Globalization;
using DigitsMlp.Training;
using Hone.Pruners;
using Hone.Samplers.Tpe;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

ExampleOptions options;
try
{
    options = ExampleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
}

using var storage = Storage.Open(options.Storage);
var study = Study.Create(new StudyOptions
{
    Name = "digits-mlp",
    Storage = storage,
    Directions = [StudyDirection.Maximize],
    // Hyperband's brackets judge trials at different epochs, so each bracket gets a TPE of its own.
    Sampler = options.Pruner == "hyperband"
        ? new BracketedSampler(bracket => new TpeSampler(new TpeSamplerOptions { Seed = options.Seed + bracket + 1 }))
        : new TpeSampler(new TpeSamplerOptions { Seed = options.Seed }),
    Pruner = options.Pruner switch
    {
        "none" => new NopPruner(),
        "median" => new MedianPruner(),
        "hyperband" => new HyperbandPruner(new HyperbandPrunerOptions { MaxResource = options.Epochs }),
        // First judged after 4 epochs: on curves of a few dozen epochs the first epoch's accuracy says too little
        // (bench/README.md, "MLP on digits").
        _ => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 4 }),
    },
    LoadIfExists = true,
});

var data = Digits.Split();
var objective = new DigitsObjective(data, options.Epochs, (ulong)options.Seed);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Digits: {data.Train.Count} training and {data.Validation.Count} validation images. {options.Trials} trials of up to {options.Epochs} epochs, TPE with the {options.Pruner} pruner."));

var clock = Stopwatch.StartNew();
study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = options.Trials });
var seconds = clock.Elapsed.TotalSeconds;

var best = study.BestTrial;
var pruned = study.GetTrials(TrialState.Pruned).Count;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"This run: {objective.EpochsTrained} epochs of the {options.Trials * options.Epochs} that unpruned trials would train, in {seconds:F1} s ({seconds * 1000 / Math.Max(1, objective.EpochsTrained):F1} ms per epoch)."));
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Study '{study.Name}' in {options.Storage}: {study.Trials.Count} trials, {study.GetTrials(TrialState.Complete).Count} complete, {pruned} pruned."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best trial #{best.Number}: validation accuracy {best.Value * 100:F2}%"));
foreach (var (name, value) in best.Params)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} = {value}"));
}

return 0;

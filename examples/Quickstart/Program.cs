// Tunes a small but real model: polynomial ridge regression, scored by 5-fold cross-validated mean squared error
// on a noisy synthetic data set. The study lives in quickstart.db (SQLite): run it again and it resumes.
using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

var path = args.Length > 0 ? args[0] : "quickstart.db";
using var storage = Storage.Open("sqlite:///" + path);
var study = Study.Create(new StudyOptions
{
    Name = "ridge-regression",
    Storage = storage,
    Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 42 }),
    LoadIfExists = true,
});

var data = RidgeRegression.MakeData(samples: 200, seed: 7);
study.Optimize(
    trial =>
    {
        var degree = trial.SuggestInt("degree", 1, 12);
        var alpha = trial.SuggestFloat("alpha", 1e-6, 10, log: true);
        var standardize = trial.SuggestCategorical("standardize", [true, false]);
        return RidgeRegression.CrossValidatedMse(data, degree, alpha, standardize, folds: 5);
    },
    new OptimizeOptions { Trials = 60 });

var best = study.BestTrial;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Study '{study.Name}' in {path}: {study.Trials.Count} trials, {study.GetTrials(TrialState.Complete).Count} complete."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best trial #{best.Number}: cross-validated MSE {best.Value:G6}"));
foreach (var (name, value) in best.Params)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} = {(value is bool b ? (b ? "true" : "false") : value)}"));
}

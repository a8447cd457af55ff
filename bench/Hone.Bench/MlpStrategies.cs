using DigitsMlp.Training;
using Hone.Distributions;
using Hone.Pbt;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Samplers.Bohb;
using Hone.Samplers.Tpe;
using Hone.SearchSpaces;
using Hone.Studies;

namespace Hone.Bench;

/// <summary>The strategies the <c>mlp</c> benchmark can run, by name.</summary>
/// <remarks>
/// <para>A strategy built from a sampler and a pruner is one <see cref="Searched"/> entry. A strategy that is not a
/// sampler and a pruner (population-based training, say) supplies its own <see cref="MlpStrategy.Run"/>: anything that
/// returns a study whose trials report their validation accuracy after each epoch trained, and that keeps to the
/// settings' trial count or epoch budget; <see cref="DigitsObjective"/> (with its <c>EpochBudget</c>) and
/// <see cref="MlpTrainer.Clone"/> (to copy a member and change its settings) are the pieces.</para>
/// <para>Every TPE sampler is Hone's default <see cref="TpeSampler"/> with the run's seed; every pruner has its
/// defaults, except that Hyperband is told the top fidelity (so that it never has to infer it) and the run's seed (the
/// <c>-r3</c> variants also judge first at step 3, after 4 epochs, rather than at step 1; <c>tpe-hyperband</c> keeps a
/// TPE per bracket, <c>tpe-hyperband-shared</c> one TPE for all brackets, which ranks pruned trials by the step they
/// reached, as Optuna's TPE with its Hyperband pruner does), and
/// that <c>tpe-asha-r4</c> judges trials first after 4 epochs rather than 1 (rungs at 4 and 16 epochs instead of 1, 4
/// and 16): ASHA's default minimum resource, a hundredth of the steps, suits long curves, and on 30 epochs the first
/// epoch's accuracy says too little (chosen on seeds 101 to 105, which the reported runs do not use).</para>
/// </remarks>
internal static class MlpStrategies
{
    private static readonly MlpStrategy[] All =
    [
        Searched("random", MlpBudget.Trials, seed => new RandomSampler(seed), _ => new NopPruner()),
        Searched("tpe", MlpBudget.Trials, Tpe, _ => new NopPruner()),
        Searched("tpe-median", MlpBudget.Trials, Tpe, _ => new MedianPruner()),
        Searched("tpe-asha", MlpBudget.Trials, Tpe, _ => new SuccessiveHalvingPruner()),
        Searched("tpe-asha-r4", MlpBudget.Trials, Tpe, _ => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 4 })),
        Searched("tpe-hyperband", MlpBudget.Epochs, TpeBracketed, settings => Hyperband(settings, 1)),
        Searched("tpe-hyperband-r3", MlpBudget.Epochs, TpeBracketed, settings => Hyperband(settings, 3)),
        Searched("tpe-hyperband-shared", MlpBudget.Epochs, Tpe, settings => Hyperband(settings, 1)),
        Searched("bohb", MlpBudget.Epochs, seed => new BohbSampler(new BohbSamplerOptions { Seed = seed }), settings => Hyperband(settings, 1)),
        Searched("bohb-r3", MlpBudget.Epochs, seed => new BohbSampler(new BohbSamplerOptions { Seed = seed }), settings => Hyperband(settings, 3)),
        new("pbt", MlpBudget.Epochs, PopulationBasedTrainingAsync),
    ];

    /// <summary>The training settings population-based training explores, with the ranges of <see cref="MlpSearchSpace"/>;
    /// the architecture and optimizer of each member are drawn once, as in the search space, and travel with its weights.</summary>
    private static readonly SearchSpace PbtSpace = new SearchSpace()
        .Add("learning_rate", new FloatDistribution(1e-4, 1e-1, log: true))
        .Add("batch_size", new CategoricalDistribution([16, 32, 64, 128]))
        .Add("dropout", new FloatDistribution(0, 0.5))
        .Add("weight_decay", new FloatDistribution(1e-6, 1e-2, log: true));

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>The strategy of that name.</summary>
    public static MlpStrategy Find(string name) => All.Single(s => s.Name == name);

    /// <summary>A strategy that runs one study with a sampler and a pruner made for the run.</summary>
    private static MlpStrategy Searched(string name, MlpBudget budget, Func<int, ISampler> sampler, Func<MlpRunSettings, IPruner> pruner) =>
        new(name, budget, settings => Task.FromResult(new MlpSearch(RunStudy(settings, name, budget, sampler(settings.Seed), pruner(settings)))));

    /// <summary>
    /// Population-based training with 8 members held to the epoch budget: each member trains a eighth of it, an interval
    /// of a third of the top fidelity at a time (10 epochs of 225 by default). Each member's architecture and optimizer
    /// are drawn from <see cref="MlpSearchSpace"/> by a random sampler with the member's seed; the population explores
    /// the learning rate, batch size, dropout and weight decay. The search ends with the best member's network.
    /// </summary>
    private static async Task<MlpSearch> PopulationBasedTrainingAsync(MlpRunSettings settings)
    {
        const int Population = 8;
        var study = Study.Create(new StudyOptions { Name = $"mlp-pbt-{settings.Seed}", Directions = [StudyDirection.Maximize] });
        var totalSteps = (int)Math.Max(1, settings.EpochBudget / Population);
        var pbt = new PopulationBasedTraining(new PopulationBasedTrainingOptions
        {
            PopulationSize = Population,
            TotalSteps = totalSteps,
            Interval = Math.Clamp(settings.MaxEpochs / 3, 1, totalSteps),
            Seed = settings.Seed,
        });
        var result = await pbt.RunAsync(study, PbtSpace, slot =>
        {
            var seed = (settings.Seed * 1000) + slot;
            var draw = Study.Create(new StudyOptions { Sampler = new RandomSampler(seed) });
            return new MlpPbtMember(settings.Data, MlpSearchSpace.Suggest(draw.Ask()), (ulong)seed);
        }).ConfigureAwait(false);
        return new MlpSearch(study, (result.Best.Checkpoint, result.Best.Score));
    }

    /// <summary>Runs <see cref="DigitsObjective"/> in an in-memory study, for the trial count or the epoch budget.</summary>
    private static Study RunStudy(MlpRunSettings settings, string name, MlpBudget budget, ISampler sampler, IPruner pruner)
    {
        var study = Study.Create(new StudyOptions
        {
            Name = $"mlp-{name}-{settings.Seed}",
            Sampler = sampler,
            Pruner = pruner,
            Directions = [StudyDirection.Maximize],
        });
        var objective = settings.Objective(budget == MlpBudget.Epochs ? settings.EpochBudget : null);

        // Held to epochs, the study runs until the objective stops it.
        study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = budget == MlpBudget.Trials ? settings.Trials : null, ShowProgress = false });
        return study;
    }

    private static TpeSampler Tpe(int seed) => new(new TpeSamplerOptions { Seed = seed });

    private static BracketedSampler TpeBracketed(int seed) => new(bracket => Tpe((seed * 100) + bracket + 1));

    /// <summary>Hyperband told the top fidelity and the run's seed; the first rung after <paramref name="minResource"/>
    /// + 1 epochs (steps count from 0).</summary>
    private static HyperbandPruner Hyperband(MlpRunSettings settings, int minResource) =>
        new(new HyperbandPrunerOptions { MinResource = minResource, MaxResource = settings.MaxEpochs, Seed = settings.Seed });
}

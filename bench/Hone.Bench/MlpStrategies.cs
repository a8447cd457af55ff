using DigitsMlp.Training;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Samplers.Tpe;
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
/// defaults, except that Hyperband is told the top fidelity (so that it never has to infer it) and the run's seed, and
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
        Searched(
            "tpe-hyperband",
            MlpBudget.Epochs,
            seed => new BracketedSampler(bracket => Tpe((seed * 100) + bracket + 1)),
            settings => new HyperbandPruner(new HyperbandPrunerOptions { MaxResource = settings.MaxEpochs, Seed = settings.Seed })),
    ];

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>The strategy of that name.</summary>
    public static MlpStrategy Find(string name) => All.Single(s => s.Name == name);

    /// <summary>A strategy that runs one study with a sampler and a pruner made for the run.</summary>
    private static MlpStrategy Searched(string name, MlpBudget budget, Func<int, ISampler> sampler, Func<MlpRunSettings, IPruner> pruner) =>
        new(name, budget, settings => RunStudy(settings, name, budget, sampler(settings.Seed), pruner(settings)));

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
        var objective = new DigitsObjective(settings.Data, settings.MaxEpochs, (ulong)settings.Seed)
        {
            EpochBudget = budget == MlpBudget.Epochs ? settings.EpochBudget : null,
        };

        // Held to epochs, the study runs until the objective stops it.
        study.Optimize(objective.Evaluate, new OptimizeOptions { Trials = budget == MlpBudget.Trials ? settings.Trials : null, ShowProgress = false });
        return study;
    }

    private static TpeSampler Tpe(int seed) => new(new TpeSamplerOptions { Seed = seed });
}

using DigitsMlp.Training;

namespace Hone.Bench;

/// <summary>One run of the <c>mlp</c> benchmark: a seed and the budget every strategy shares.</summary>
/// <param name="Seed">The seed of the sampler, the pruner and the trials' training.</param>
/// <param name="Trials">The trial count of a <see cref="MlpBudget.Trials"/> strategy.</param>
/// <param name="MaxEpochs">The epochs of a trial that is never pruned (the top fidelity).</param>
/// <param name="Data">The digits' training and validation images.</param>
/// <param name="Test">Images held out from both, on which the run's best configuration is scored once the search is
/// over; <see langword="null"/> when the run holds none out.</param>
internal sealed record MlpRunSettings(int Seed, int Trials, int MaxEpochs, TrainValidationSplit Data, Dataset? Test = null)
{
    /// <summary>The epochs of a <see cref="MlpBudget.Epochs"/> strategy: those of <see cref="Trials"/> full trials.</summary>
    public long EpochBudget => (long)Trials * MaxEpochs;

    /// <summary>The run's objective: its trials train on <see cref="Data"/> with seeds drawn from <see cref="Seed"/>, so
    /// that a second objective of the same run trains any of its trials' networks again.</summary>
    /// <param name="epochBudget">The epochs all trials together may train; <see langword="null"/> for no limit.</param>
    public DigitsObjective Objective(long? epochBudget = null) =>
        new(Data, MaxEpochs, (ulong)Seed) { EpochBudget = epochBudget };
}

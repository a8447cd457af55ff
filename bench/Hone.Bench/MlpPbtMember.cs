using System.Globalization;
using DigitsMlp.Training;
using Hone.Pbt;

namespace Hone.Bench;

/// <summary>
/// A member of population-based training on the digits MLP: a <see cref="MlpTrainer"/> that trains an interval of
/// epochs with the population's learning rate, batch size, dropout and weight decay, reporting the validation accuracy
/// after each epoch. Its checkpoint is a copy of the trainer (<see cref="MlpTrainer.Clone"/>), architecture included,
/// so a member that copies another takes its architecture with its weights.
/// </summary>
internal sealed class MlpPbtMember(TrainValidationSplit data, MlpHyperparameters architecture, ulong seed) : IPbtMember<MlpTrainer>
{
    private MlpTrainer? _trainer;

    public Task<double> TrainAsync(PbtTrainArguments arguments, CancellationToken cancellationToken)
    {
        var settings = (_trainer?.Hyperparameters ?? architecture) with
        {
            LearningRate = (double)arguments.Hyperparameters["learning_rate"]!,
            BatchSize = Convert.ToInt32(arguments.Hyperparameters["batch_size"], CultureInfo.InvariantCulture),
            Dropout = (double)arguments.Hyperparameters["dropout"]!,
            WeightDecay = (double)arguments.Hyperparameters["weight_decay"]!,
        };
        _trainer = _trainer is null ? new MlpTrainer(settings, data.Train.Features, data.Train.Classes, seed)
            : _trainer.Hyperparameters == settings ? _trainer
            : _trainer.Clone(settings);
        var accuracy = 0.0;
        for (var epoch = 1; epoch <= arguments.Steps; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _trainer.TrainEpoch(data.Train);
            accuracy = _trainer.Accuracy(data.Validation);
            arguments.Report(accuracy, arguments.Step + epoch);
        }

        return Task.FromResult(accuracy);
    }

    public Task<MlpTrainer> SaveAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_trainer?.Clone() ?? throw new InvalidOperationException("A member saves after it has trained."));

    public Task RestoreAsync(MlpTrainer checkpoint, CancellationToken cancellationToken)
    {
        _trainer = checkpoint.Clone();
        return Task.CompletedTask;
    }
}

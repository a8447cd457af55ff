using System.Globalization;
using Hone.Trials;

namespace DigitsMlp.Training;

/// <summary>
/// The search space of the digits example and of the <c>mlp</c> benchmark: the training settings and the architecture
/// (how many hidden layers, and the units of each, which exist only when the layer does).
/// </summary>
public static class MlpSearchSpace
{
    /// <summary>The most hidden layers the space allows.</summary>
    public const int MaxLayers = 3;

    private static readonly int[] BatchSizes = [16, 32, 64, 128];
    private static readonly Activation[] Activations = [Activation.Relu, Activation.Tanh, Activation.Elu];
    private static readonly OptimizerKind[] Optimizers = [OptimizerKind.Sgd, OptimizerKind.Adam];

    /// <summary>
    /// Suggests one configuration: <c>learning_rate</c> (log-uniform 1e-4 to 1e-1), <c>batch_size</c> (16, 32, 64,
    /// 128), <c>layers</c> (1 to 3), <c>units_1</c> .. <c>units_{layers}</c> (log-uniform integers 16 to 256, one per
    /// layer that exists), <c>activation</c> (relu, tanh, elu), <c>dropout</c> (0 to 0.5), <c>weight_decay</c>
    /// (log-uniform 1e-6 to 1e-2) and <c>optimizer</c> (sgd, adam).
    /// </summary>
    /// <param name="trial">The trial that draws the values.</param>
    /// <returns>The hyperparameters of the trial.</returns>
    public static MlpHyperparameters Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var learningRate = trial.SuggestFloat("learning_rate", 1e-4, 1e-1, log: true);
        var batchSize = trial.SuggestCategorical("batch_size", BatchSizes);
        var layers = trial.SuggestInt("layers", 1, MaxLayers);
        var units = new int[layers];
        for (var l = 0; l < layers; l++)
        {
            units[l] = trial.SuggestInt(string.Create(CultureInfo.InvariantCulture, $"units_{l + 1}"), 16, 256, log: true);
        }

        return new MlpHyperparameters
        {
            LearningRate = learningRate,
            BatchSize = batchSize,
            HiddenUnits = units,
            Activation = trial.SuggestCategorical("activation", Activations),
            Dropout = trial.SuggestFloat("dropout", 0, 0.5),
            WeightDecay = trial.SuggestFloat("weight_decay", 1e-6, 1e-2, log: true),
            Optimizer = trial.SuggestCategorical("optimizer", Optimizers),
        };
    }
}

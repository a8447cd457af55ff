using System.Globalization;
using System.Numerics.Tensors;

namespace DigitsMlp.Training;

/// <summary>
/// Trains a multilayer perceptron classifier by mini-batch gradient descent, one epoch at a time, and scores it.
/// </summary>
/// <remarks>
/// <para>Each epoch visits the training examples once in a fresh random order, in batches of
/// <see cref="MlpHyperparameters.BatchSize"/>; each batch takes one step of the optimizer on the mean softmax
/// cross-entropy, after the decoupled weight decay. Everything random (initial weights, order, dropout masks) comes
/// from one generator seeded by the constructor, so the same hyperparameters, data and seed give the same network on
/// the same machine (vectorized sums may round differently on processors with other vector widths).</para>
/// <para>Not thread-safe; trainers are independent of each other, so several may run on several threads.</para>
/// </remarks>
public sealed class MlpTrainer
{
    /// <summary>Rows per forward pass when scoring, so that evaluation needs no buffer as large as the data.</summary>
    private const int EvaluationRows = 256;

    private readonly MultilayerPerceptron _network;
    private readonly Optimizer _optimizer;
    private readonly SplitMix64 _random;
    private readonly int[] _labels;
    private int[] _order;

    /// <summary>Creates a trainer with a freshly initialized network.</summary>
    /// <param name="hyperparameters">The architecture and training settings.</param>
    /// <param name="features">The inputs per example, at least 1.</param>
    /// <param name="classes">The number of classes, at least 2.</param>
    /// <param name="seed">The seed of everything random in the training.</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, or <paramref name="features"/> or
    /// <paramref name="classes"/> is too small.</exception>
    public MlpTrainer(MlpHyperparameters hyperparameters, int features, int classes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        hyperparameters.Validate();
        if (features < 1 || classes < 2)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"A classifier needs features >= 1 and classes >= 2, but got features = {features}, classes = {classes}."));
        }

        Hyperparameters = hyperparameters;
        _random = new SplitMix64(seed);
        _network = new MultilayerPerceptron([features, .. hyperparameters.HiddenUnits, classes], hyperparameters.Activation, Capacity(hyperparameters), _random);
        _optimizer = Optimizer.Create(hyperparameters.Optimizer, _network.Parameters.Length);
        _labels = new int[_network.Capacity];
        _order = [];
    }

    private MlpTrainer(MlpTrainer source, MlpHyperparameters hyperparameters)
    {
        Hyperparameters = hyperparameters;
        _random = source._random.Clone();
        _network = source._network.Clone(Capacity(hyperparameters));
        _optimizer = source._optimizer.Clone();
        _labels = new int[_network.Capacity];
        _order = [.. source._order];
        Epochs = source.Epochs;
    }

    /// <summary>The architecture and training settings.</summary>
    public MlpHyperparameters Hyperparameters { get; }

    /// <summary>The epochs trained so far.</summary>
    public int Epochs { get; private set; }

    /// <summary>The number of weights and biases.</summary>
    public int ParameterCount => _network.Parameters.Length;

    /// <summary>Trains one epoch.</summary>
    /// <param name="train">The training examples, with the features and classes the trainer was made for.</param>
    /// <returns>The mean training loss over the epoch's batches, weighted by their sizes (NaN once training diverged).</returns>
    /// <exception cref="ArgumentException">The data set has other features or classes than the trainer.</exception>
    public double TrainEpoch(Dataset train)
    {
        CheckShape(train);
        if (_order.Length != train.Count)
        {
            _order = [.. Enumerable.Range(0, train.Count)];
        }

        _random.Shuffle(_order);
        var learningRate = (float)Hyperparameters.LearningRate;
        var dropout = (float)Hyperparameters.Dropout;
        var decay = (float)(1 - (Hyperparameters.LearningRate * Hyperparameters.WeightDecay));
        var total = 0.0;
        for (var start = 0; start < train.Count; start += Hyperparameters.BatchSize)
        {
            var rows = Math.Min(Hyperparameters.BatchSize, train.Count - start);
            var labels = Load(train, _order.AsSpan(start, rows));
            _network.Forward(rows, dropout, _random);
            total += _network.Loss(labels) * rows;
            _network.Backward();
            if (Hyperparameters.WeightDecay > 0)
            {
                for (var l = 0; l < _network.LayerCount; l++)
                {
                    TensorPrimitives.Multiply(_network.Weights(l), decay, _network.Weights(l));
                }
            }

            _optimizer.Step(_network.Parameters, _network.Gradients, learningRate);
        }

        Epochs++;
        return total / train.Count;
    }

    /// <summary>The share of examples whose most likely class is their label, with every unit kept (no dropout).</summary>
    /// <param name="data">The examples to score, with the features and classes the trainer was made for.</param>
    /// <returns>A number in [0, 1].</returns>
    /// <exception cref="ArgumentException">The data set has other features or classes than the trainer.</exception>
    public double Accuracy(Dataset data)
    {
        CheckShape(data);
        var predictions = new int[_network.Capacity];
        var indices = new int[_network.Capacity];
        var correct = 0;
        for (var start = 0; start < data.Count; start += _network.Capacity)
        {
            var rows = Math.Min(_network.Capacity, data.Count - start);
            for (var r = 0; r < rows; r++)
            {
                indices[r] = start + r;
            }

            var labels = Load(data, indices.AsSpan(0, rows));
            _network.Forward(rows, 0, _random);
            _network.Predict(predictions);
            for (var r = 0; r < rows; r++)
            {
                correct += predictions[r] == labels[r] ? 1 : 0;
            }
        }

        return correct / (double)data.Count;
    }

    /// <summary>
    /// An independent copy that goes on from here: same weights, optimizer state, random state and epoch count
    /// (population-based training copies a good member this way, then perturbs its settings).
    /// </summary>
    /// <param name="hyperparameters">New training settings for the copy, or <see langword="null"/> to keep them; only
    /// <see cref="MlpHyperparameters.LearningRate"/>, <see cref="MlpHyperparameters.BatchSize"/>,
    /// <see cref="MlpHyperparameters.Dropout"/> and <see cref="MlpHyperparameters.WeightDecay"/> may change.</param>
    /// <exception cref="ArgumentException">The new settings change the architecture or the optimizer, or are out of range.</exception>
    public MlpTrainer Clone(MlpHyperparameters? hyperparameters = null)
    {
        hyperparameters ??= Hyperparameters;
        hyperparameters.Validate();
        if (!hyperparameters.HiddenUnits.SequenceEqual(Hyperparameters.HiddenUnits)
            || hyperparameters.Activation != Hyperparameters.Activation
            || hyperparameters.Optimizer != Hyperparameters.Optimizer)
        {
            throw new ArgumentException(
                $"A clone keeps the architecture and the optimizer, but got {hyperparameters} for a trainer of {Hyperparameters}. Change only the learning rate, batch size, dropout or weight decay, or start a new MlpTrainer.",
                nameof(hyperparameters));
        }

        return new MlpTrainer(this, hyperparameters);
    }

    private static int Capacity(MlpHyperparameters hyperparameters) => Math.Max(hyperparameters.BatchSize, EvaluationRows);

    /// <summary>Copies the given examples into the network's input buffer and their labels into the label buffer.</summary>
    private ReadOnlySpan<int> Load(Dataset data, ReadOnlySpan<int> indices)
    {
        var inputs = _network.Inputs(indices.Length);
        for (var r = 0; r < indices.Length; r++)
        {
            data.Input(indices[r]).CopyTo(inputs.Slice(r * data.Features));
            _labels[r] = data.Label(indices[r]);
        }

        return _labels.AsSpan(0, indices.Length);
    }

    private void CheckShape(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != _network.InputCount || data.Classes != _network.ClassCount)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"The trainer was made for {_network.InputCount} features and {_network.ClassCount} classes, but the data set has {data.Features} and {data.Classes}. Make the trainer with the data's sizes."));
        }
    }
}

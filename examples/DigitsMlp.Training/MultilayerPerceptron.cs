using System.Numerics.Tensors;

namespace DigitsMlp.Training;

/// <summary>
/// A fully connected network in single precision: dense layers with a shared activation, then a softmax output scored by
/// cross-entropy. It works on a batch of rows at a time in buffers sized once, and computes the gradient of the mean
/// loss by backpropagation.
/// </summary>
/// <remarks>
/// <para>All weights and biases live in one array, <see cref="Parameters"/>, layer after layer (a layer's weights,
/// then its biases), and so do their gradients, so that an optimizer updates everything with a few vector operations.</para>
/// <para>The matrix products are runs of <see cref="TensorPrimitives"/> calls over whole rows of a layer's weights, so
/// each layer stores them in the orientation that makes those rows long: <c>inputs × outputs</c> (row i holds the
/// weights out of input i) when the layer widens, <c>outputs × inputs</c> (row o holds the weights into output o) when
/// it narrows, as the output layer does. Input-major rows also let the forward pass skip inputs that are zero (blank
/// pixels, units a ReLU switched off); output-major rows let the backward pass skip outputs whose gradient is zero.</para>
/// <para>Not thread-safe: a network belongs to one trainer.</para>
/// </remarks>
internal sealed class MultilayerPerceptron
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly bool[] _outputMajor;
    private readonly Activation _activation;

    // Per layer boundary l = 0..L: _values[0] is the input batch, _values[1..L-1] the activated hidden units before
    // dropout, _values[L] the logits. _dropped and _masks hold the hidden units after dropout and the dropout masks;
    // _deltas[l] the gradient of the loss with respect to the pre-activation of boundary l.
    private readonly float[][] _values;
    private readonly float[][] _dropped;
    private readonly float[][] _masks;
    private readonly float[][] _deltas;
    private readonly float[] _scratch;
    private int _rows;
    private bool _droppedOut;

    /// <summary>Creates a network with random weights (He initialization for ReLU and ELU layers, Glorot for tanh
    /// layers and the output layer) and zero biases.</summary>
    /// <param name="sizes">Inputs, the hidden layers' units, classes.</param>
    /// <param name="activation">The hidden layers' activation.</param>
    /// <param name="capacity">The most rows a batch may have.</param>
    /// <param name="random">The source of the initial weights.</param>
    public MultilayerPerceptron(IReadOnlyList<int> sizes, Activation activation, int capacity, SplitMix64 random)
        : this(sizes, activation, capacity)
    {
        for (var l = 0; l < LayerCount; l++)
        {
            var (inputs, outputs) = (_sizes[l], _sizes[l + 1]);
            var hidden = l + 1 < LayerCount;
            var deviation = hidden && activation != Activation.Tanh ? Math.Sqrt(2.0 / inputs) : Math.Sqrt(2.0 / (inputs + outputs));
            var weights = Weights(l);
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)(deviation * random.NextGaussian());
            }
        }
    }

    private MultilayerPerceptron(IReadOnlyList<int> sizes, Activation activation, int capacity)
    {
        _sizes = [.. sizes];
        _activation = activation;
        Capacity = capacity;
        _weightOffsets = new int[LayerCount];
        _biasOffsets = new int[LayerCount];
        _outputMajor = new bool[LayerCount];
        var count = 0;
        for (var l = 0; l < LayerCount; l++)
        {
            _outputMajor[l] = _sizes[l + 1] < _sizes[l];
            _weightOffsets[l] = count;
            count += _sizes[l] * _sizes[l + 1];
            _biasOffsets[l] = count;
            count += _sizes[l + 1];
        }

        Parameters = new float[count];
        Gradients = new float[count];
        _values = [.. _sizes.Select(s => new float[capacity * s])];
        _deltas = [.. _sizes.Select(s => new float[capacity * s])];
        _dropped = [.. _sizes.Select((s, l) => l > 0 && l < LayerCount ? new float[capacity * s] : [])];
        _masks = [.. _sizes.Select((s, l) => l > 0 && l < LayerCount ? new float[capacity * s] : [])];
        _scratch = new float[capacity * _sizes.Max()];
    }

    /// <summary>The number of weight layers (hidden layers + 1).</summary>
    public int LayerCount => _sizes.Length - 1;

    /// <summary>The most rows a batch may have.</summary>
    public int Capacity { get; }

    /// <summary>Inputs per row.</summary>
    public int InputCount => _sizes[0];

    /// <summary>Classes, the outputs per row.</summary>
    public int ClassCount => _sizes[^1];

    /// <summary>Every weight and bias, layer after layer.</summary>
    public float[] Parameters { get; }

    /// <summary>The gradient of the mean loss of the last batch with respect to <see cref="Parameters"/>, after <see cref="Backward"/>.</summary>
    public float[] Gradients { get; }

    /// <summary>The weights of a layer, row-major: <c>inputs × outputs</c>, or <c>outputs × inputs</c> when
    /// <see cref="IsOutputMajor"/>.</summary>
    public Span<float> Weights(int layer) => Parameters.AsSpan(_weightOffsets[layer], _sizes[layer] * _sizes[layer + 1]);

    /// <summary>Whether a layer stores its weights as <c>outputs × inputs</c> (it has fewer outputs than inputs).</summary>
    public bool IsOutputMajor(int layer) => _outputMajor[layer];

    /// <summary>The input buffer for a batch of <paramref name="rows"/> rows, to fill before <see cref="Forward"/>.</summary>
    public Span<float> Inputs(int rows) => _values[0].AsSpan(0, rows * InputCount);

    /// <summary>The logits of the last batch, row after row.</summary>
    public ReadOnlySpan<float> Logits => _values[LayerCount].AsSpan(0, _rows * ClassCount);

    /// <summary>A copy with the same parameters and room for batches of <paramref name="capacity"/> rows.</summary>
    public MultilayerPerceptron Clone(int capacity)
    {
        var copy = new MultilayerPerceptron(_sizes, _activation, capacity);
        Parameters.CopyTo(copy.Parameters, 0);
        return copy;
    }

    /// <summary>Computes the logits of the batch in the input buffer.</summary>
    /// <param name="rows">The rows of the batch, at most <see cref="Capacity"/>.</param>
    /// <param name="dropout">The dropout probability of the hidden units: 0 to evaluate.</param>
    /// <param name="random">The source of the dropout masks; unused when <paramref name="dropout"/> is 0.</param>
    public void Forward(int rows, float dropout, SplitMix64 random)
    {
        _rows = rows;
        _droppedOut = dropout > 0;
        for (var l = 0; l < LayerCount; l++)
        {
            var (inputs, outputs) = (_sizes[l], _sizes[l + 1]);
            var x = Input(l);
            var z = _values[l + 1].AsSpan(0, rows * outputs);
            var weights = Weights(l);
            var bias = Parameters.AsSpan(_biasOffsets[l], outputs);
            for (var r = 0; r < rows; r++)
            {
                var row = z.Slice(r * outputs, outputs);
                var inputRow = x.Slice(r * inputs, inputs);
                if (_outputMajor[l])
                {
                    for (var o = 0; o < outputs; o++)
                    {
                        row[o] = bias[o] + TensorPrimitives.Dot(inputRow, weights.Slice(o * inputs, inputs));
                    }
                }
                else
                {
                    bias.CopyTo(row);
                    for (var i = 0; i < inputs; i++)
                    {
                        var value = inputRow[i];
                        if (value != 0)
                        {
                            TensorPrimitives.MultiplyAdd(weights.Slice(i * outputs, outputs), value, row, row);
                        }
                    }
                }
            }

            if (l + 1 < LayerCount)
            {
                Activate(z);
                if (_droppedOut)
                {
                    DropOut(l + 1, z, dropout, random);
                }
            }
        }
    }

    /// <summary>Softmax cross-entropy of the last batch against its labels: returns the mean loss and leaves its
    /// gradient with respect to the logits for <see cref="Backward"/>.</summary>
    /// <param name="labels">The class of each row of the batch.</param>
    public double Loss(ReadOnlySpan<int> labels)
    {
        var classes = ClassCount;
        var logits = _values[LayerCount];
        var delta = _deltas[LayerCount];
        var total = 0.0;
        for (var r = 0; r < _rows; r++)
        {
            var z = logits.AsSpan(r * classes, classes);
            var p = delta.AsSpan(r * classes, classes);

            // Shifted by the largest logit, so that exp never overflows and the log never sees 0.
            var max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, p);
            TensorPrimitives.Exp(p, p);
            var sum = TensorPrimitives.Sum(p);
            total += Math.Log(sum) + max - z[labels[r]];
            TensorPrimitives.Multiply(p, 1f / (sum * _rows), p);
            p[labels[r]] -= 1f / _rows;
        }

        return total / _rows;
    }

    /// <summary>Backpropagates the gradient that <see cref="Loss"/> left into <see cref="Gradients"/>.</summary>
    public void Backward()
    {
        for (var l = LayerCount - 1; l >= 0; l--)
        {
            var (inputs, outputs) = (_sizes[l], _sizes[l + 1]);
            var x = Input(l);
            var delta = _deltas[l + 1].AsSpan(0, _rows * outputs);
            var weights = Weights(l);
            var weightGradient = Gradients.AsSpan(_weightOffsets[l], inputs * outputs);
            var biasGradient = Gradients.AsSpan(_biasOffsets[l], outputs);
            weightGradient.Clear();
            biasGradient.Clear();
            var previous = l > 0 ? _deltas[l].AsSpan(0, _rows * inputs) : [];
            for (var r = 0; r < _rows; r++)
            {
                var d = delta.Slice(r * outputs, outputs);
                TensorPrimitives.Add(biasGradient, d, biasGradient);
                var inputRow = x.Slice(r * inputs, inputs);
                var previousRow = l > 0 ? previous.Slice(r * inputs, inputs) : [];
                if (_outputMajor[l])
                {
                    previousRow.Clear();
                    for (var o = 0; o < outputs; o++)
                    {
                        var value = d[o];
                        if (value != 0)
                        {
                            var gradientRow = weightGradient.Slice(o * inputs, inputs);
                            TensorPrimitives.MultiplyAdd(inputRow, value, gradientRow, gradientRow);
                            if (l > 0)
                            {
                                TensorPrimitives.MultiplyAdd(weights.Slice(o * inputs, inputs), value, previousRow, previousRow);
                            }
                        }
                    }
                }
                else
                {
                    for (var i = 0; i < inputs; i++)
                    {
                        var value = inputRow[i];
                        if (value != 0)
                        {
                            var gradientRow = weightGradient.Slice(i * outputs, outputs);
                            TensorPrimitives.MultiplyAdd(d, value, gradientRow, gradientRow);
                        }

                        if (l > 0)
                        {
                            // A ReLU unit that is off (or dropped) passes no gradient back: skip its product.
                            previousRow[i] = value == 0 && _activation == Activation.Relu ? 0 : TensorPrimitives.Dot(d, weights.Slice(i * outputs, outputs));
                        }
                    }
                }
            }

            if (l > 0)
            {
                if (_droppedOut)
                {
                    TensorPrimitives.Multiply(previous, _masks[l].AsSpan(0, previous.Length), previous);
                }

                Differentiate(_values[l].AsSpan(0, previous.Length), previous);
            }
        }
    }

    /// <summary>The most likely class of each row of the last batch.</summary>
    public void Predict(Span<int> classes)
    {
        var logits = Logits;
        for (var r = 0; r < _rows; r++)
        {
            classes[r] = TensorPrimitives.IndexOfMax(logits.Slice(r * ClassCount, ClassCount));
        }
    }

    /// <summary>The input of weight layer l: the batch, or the previous hidden units (after dropout when training).</summary>
    private Span<float> Input(int layer)
    {
        var source = layer > 0 && _droppedOut ? _dropped[layer] : _values[layer];
        return source.AsSpan(0, _rows * _sizes[layer]);
    }

    private void Activate(Span<float> z)
    {
        switch (_activation)
        {
            case Activation.Relu:
                TensorPrimitives.Max(z, 0f, z);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(z, z);
                break;
            default:
                // ELU as max(z, 0) + (exp(min(z, 0)) - 1): each term vanishes on the other side of 0.
                var negative = _scratch.AsSpan(0, z.Length);
                TensorPrimitives.Min(z, 0f, negative);
                TensorPrimitives.Exp(negative, negative);
                TensorPrimitives.Subtract(negative, 1f, negative);
                TensorPrimitives.Max(z, 0f, z);
                TensorPrimitives.Add(z, negative, z);
                break;
        }
    }

    /// <summary>Multiplies a gradient by the activation's derivative, written in terms of the activated value a.</summary>
    private void Differentiate(ReadOnlySpan<float> activated, Span<float> gradient)
    {
        switch (_activation)
        {
            case Activation.Relu:
                for (var j = 0; j < gradient.Length; j++)
                {
                    gradient[j] = activated[j] > 0 ? gradient[j] : 0;
                }

                break;
            case Activation.Tanh:
                // tanh' = 1 - a².
                var derivative = _scratch.AsSpan(0, gradient.Length);
                TensorPrimitives.Multiply(activated, activated, derivative);
                TensorPrimitives.Subtract(1f, derivative, derivative);
                TensorPrimitives.Multiply(gradient, derivative, gradient);
                break;
            default:
                // ELU' = 1 for a > 0, else exp(z) = a + 1.
                for (var j = 0; j < gradient.Length; j++)
                {
                    gradient[j] = activated[j] > 0 ? gradient[j] : gradient[j] * (activated[j] + 1);
                }

                break;
        }
    }

    /// <summary>Inverted dropout: keeps each unit with probability 1 - p, scaled by 1 / (1 - p).</summary>
    private void DropOut(int layer, ReadOnlySpan<float> activated, float probability, SplitMix64 random)
    {
        var mask = _masks[layer].AsSpan(0, activated.Length);
        var scale = 1f / (1f - probability);
        for (var j = 0; j < mask.Length; j++)
        {
            mask[j] = random.NextSingle() < probability ? 0f : scale;
        }

        TensorPrimitives.Multiply(activated, mask, _dropped[layer].AsSpan(0, activated.Length));
    }
}

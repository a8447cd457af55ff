using DigitsMlp.Training;

namespace DigitsMlp.Tests;

public class MultilayerPerceptronTests
{
    // 5 -> 7 widens (input-major weights), 7 -> 3 narrows (output-major), 3 -> 4 widens again: both orientations.
    private static readonly int[] Sizes = [5, 7, 3, 4];
    private static readonly int[] Labels = [0, 3, 1, 2, 3, 0];

    [Theory]
    [InlineData(Activation.Relu, 0.0)]
    [InlineData(Activation.Tanh, 0.0)]
    [InlineData(Activation.Elu, 0.0)]
    [InlineData(Activation.Relu, 0.3)]
    [InlineData(Activation.Tanh, 0.3)]
    [InlineData(Activation.Elu, 0.3)]
    public void Backward_TinyNetwork_MatchesCentralFiniteDifferences(Activation activation, double dropout)
    {
        var network = Tiny(activation, seed: 11);
        var masks = new SplitMix64(5);

        // The same dropout masks for every evaluation of the loss: each forward pass starts from a copy of one state.
        double LossAt() => Loss(network, masks.Clone(), (float)dropout);
        LossAt();
        network.Backward();
        var analytic = network.Gradients.ToArray();

        const float step = 2e-3f;
        for (var p = 0; p < network.Parameters.Length; p++)
        {
            var saved = network.Parameters[p];
            network.Parameters[p] = saved + step;
            var plus = LossAt();
            network.Parameters[p] = saved - step;
            var minus = LossAt();
            network.Parameters[p] = saved;
            var numeric = (plus - minus) / (2 * step);
            Assert.True(
                Math.Abs(numeric - analytic[p]) <= 2e-3 + (2e-2 * Math.Abs(analytic[p])),
                $"parameter {p}: backpropagation gives {analytic[p]}, finite differences {numeric}");
        }
    }

    [Fact]
    public void Loss_HugeLogits_StaysFiniteAndExact()
    {
        var network = new MultilayerPerceptron([2, 3], Activation.Relu, 2, new SplitMix64(1));
        network.Parameters.AsSpan().Clear();

        // Biases 1e4 apart: a naive softmax overflows exp, a naive log sees 0.
        var bias = network.Parameters.AsSpan(6, 3);
        bias[0] = 1e4f;
        bias[1] = 0;
        bias[2] = -1e4f;
        network.Inputs(2).Clear();
        network.Forward(2, 0, new SplitMix64(1));

        var loss = network.Loss([0, 1]);
        network.Backward();

        // Row 1 is right with certainty (loss 0), row 2 is wrong by 1e4 (loss 1e4): mean 5e3.
        Assert.Equal(5e3, loss, 6);
        Assert.All(network.Gradients, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Loss_EqualLogits_IsLogOfTheClassCountAndItsGradientSumsToZero()
    {
        var network = Tiny(Activation.Tanh, seed: 3);
        network.Parameters.AsSpan().Clear();

        var loss = Loss(network, new SplitMix64(1), 0);
        network.Backward();

        Assert.Equal(Math.Log(4), loss, 6);
        var outputBias = network.Gradients.AsSpan(network.Gradients.Length - 4);
        Assert.Equal(0, outputBias[0] + outputBias[1] + outputBias[2] + outputBias[3], 6);
    }

    [Fact]
    public void Forward_NoDropout_IsRepeatableWhateverTheRandomSource()
    {
        var network = Tiny(Activation.Relu, seed: 2);
        Loss(network, new SplitMix64(1), 0);
        var first = network.Logits.ToArray();

        Loss(network, new SplitMix64(99), 0);

        Assert.Equal(first, network.Logits.ToArray());
    }

    [Fact]
    public void Forward_Dropout_ChangesTheLogitsFromOneMaskToAnother()
    {
        var network = Tiny(Activation.Relu, seed: 2);
        Loss(network, new SplitMix64(1), 0.5f);
        var first = network.Logits.ToArray();

        Loss(network, new SplitMix64(2), 0.5f);

        Assert.NotEqual(first, network.Logits.ToArray());
    }

    [Fact]
    public void Constructor_NarrowingLayer_StoresItsWeightsOutputMajor()
    {
        // What makes the gradient check above cover both orientations of the matrix products.
        var network = Tiny(Activation.Relu, seed: 4);

        Assert.Equal([false, true, false], Enumerable.Range(0, network.LayerCount).Select(network.IsOutputMajor));
    }

    private static MultilayerPerceptron Tiny(Activation activation, ulong seed)
    {
        var network = new MultilayerPerceptron(Sizes, activation, Labels.Length, new SplitMix64(seed));

        // Small non-zero biases, so that no unit sits exactly on a ReLU kink.
        var random = new SplitMix64(seed + 100);
        var offset = 0;
        for (var l = 0; l < network.LayerCount; l++)
        {
            offset += network.Weights(l).Length;
            for (var o = 0; o < Sizes[l + 1]; o++)
            {
                network.Parameters[offset + o] = (float)(0.1 * random.NextGaussian());
            }

            offset += Sizes[l + 1];
        }

        return network;
    }

    private static double Loss(MultilayerPerceptron network, SplitMix64 random, float dropout)
    {
        var inputs = network.Inputs(Labels.Length);
        var values = new SplitMix64(77);
        for (var i = 0; i < inputs.Length; i++)
        {
            // Every third input is zero, the case the forward and backward passes skip.
            inputs[i] = i % 3 == 0 ? 0 : (float)values.NextGaussian();
        }

        network.Forward(Labels.Length, dropout, random);
        return network.Loss(Labels);
    }
}

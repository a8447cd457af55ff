using System.Globalization;

namespace DigitsMlp.Training;

/// <summary>What one training run of a <see cref="MlpTrainer"/> is made of: the architecture and the training settings.</summary>
public sealed record MlpHyperparameters
{
    /// <summary>The step size of the optimizer.</summary>
    /// <value>Default: 1e-3. Positive.</value>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The examples per gradient step; the last step of an epoch takes what is left.</summary>
    /// <value>Default: 32. At least 1.</value>
    public int BatchSize { get; init; } = 32;

    /// <summary>The units of each hidden layer, input side first; empty for softmax regression.</summary>
    /// <value>Default: two layers of 128.</value>
    public IReadOnlyList<int> HiddenUnits { get; init; } = [128, 128];

    /// <summary>The nonlinearity of the hidden layers.</summary>
    /// <value>Default: <see cref="Activation.Relu"/>.</value>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>The probability of zeroing each hidden unit during training (inverted dropout: the kept units are
    /// scaled by <c>1 / (1 - p)</c>, so evaluation uses the network as it is).</summary>
    /// <value>Default: 0. In [0, 1).</value>
    public double Dropout { get; init; }

    /// <summary>Decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019):
    /// every step shrinks the weights, not the biases, by <c>LearningRate * WeightDecay</c> of their value, apart from
    /// the gradient, so that its effect does not depend on Adam's per-weight scaling.</summary>
    /// <value>Default: 0. At least 0.</value>
    public double WeightDecay { get; init; }

    /// <summary>The update rule.</summary>
    /// <value>Default: <see cref="OptimizerKind.Adam"/>.</value>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>A one-line description, such as <c>adam lr=0.001 batch=32 layers=[128,128] relu dropout=0 wd=0</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Optimizer.ToString().ToLowerInvariant()} lr={LearningRate:G4} batch={BatchSize} layers=[{string.Join(",", HiddenUnits)}] {Activation.ToString().ToLowerInvariant()} dropout={Dropout:G3} wd={WeightDecay:G3}");

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    internal void Validate()
    {
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"LearningRate must be positive and finite, but got {LearningRate}. Use a value such as 1e-3.");
        Require(BatchSize >= 1, $"BatchSize must be >= 1, but got {BatchSize}.");
        Require(HiddenUnits is not null && HiddenUnits.All(u => u >= 1), $"Every entry of HiddenUnits must be >= 1, but got [{string.Join(", ", HiddenUnits ?? [])}]. Leave it empty for no hidden layer.");
        Require(Dropout is >= 0 and < 1, $"Dropout must lie in [0, 1), but got {Dropout}.");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"WeightDecay must be >= 0 and finite, but got {WeightDecay}.");
        Require(Enum.IsDefined(Activation) && Enum.IsDefined(Optimizer), $"Activation and Optimizer must be defined values, but got {Activation} and {Optimizer}.");
    }

    private static void Require(bool condition, FormattableString message)
    {
        if (!condition)
        {
            throw new ArgumentException(message.ToString(CultureInfo.InvariantCulture));
        }
    }
}

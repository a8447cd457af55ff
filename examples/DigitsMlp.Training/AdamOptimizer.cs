using System.Numerics.Tensors;

namespace DigitsMlp.Training;

/// <summary>Adam with bias correction, β1 = 0.9, β2 = 0.999, ε = 1e-8.</summary>
/// <remarks>The bias corrections are folded into the step size and ε, which gives the textbook update
/// <c>w -= lr m̂ / (√v̂ + ε)</c> exactly with two fewer passes over the parameters.</remarks>
internal sealed class AdamOptimizer(int count) : Optimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;
    private readonly float[] _mean = new float[count];
    private readonly float[] _variance = new float[count];
    private readonly float[] _scratch = new float[count];
    private int _steps;

    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate)
    {
        _steps++;
        TensorPrimitives.Multiply(_mean, (float)Beta1, _mean);
        TensorPrimitives.MultiplyAdd(gradients, (float)(1 - Beta1), _mean, _mean);
        TensorPrimitives.Multiply(gradients, gradients, _scratch);
        TensorPrimitives.Multiply(_variance, (float)Beta2, _variance);
        TensorPrimitives.MultiplyAdd(_scratch, (float)(1 - Beta2), _variance, _variance);

        var correction2 = Math.Sqrt(1 - Math.Pow(Beta2, _steps));
        var step = (float)(learningRate * correction2 / (1 - Math.Pow(Beta1, _steps)));
        TensorPrimitives.Sqrt(_variance, _scratch);
        TensorPrimitives.Add(_scratch, (float)(Epsilon * correction2), _scratch);
        TensorPrimitives.Divide(_mean, _scratch, _scratch);
        TensorPrimitives.MultiplyAdd(_scratch, -step, parameters, parameters);
    }

    public override Optimizer Clone()
    {
        var copy = new AdamOptimizer(_mean.Length) { _steps = _steps };
        _mean.CopyTo(copy._mean, 0);
        _variance.CopyTo(copy._variance, 0);
        return copy;
    }
}

using System.Numerics.Tensors;

namespace DigitsMlp.Training;

/// <summary>Stochastic gradient descent with heavy-ball momentum: <c>v = μ v + g; w -= lr v</c>, μ = 0.9.</summary>
internal sealed class SgdOptimizer(int count) : Optimizer
{
    private const float Momentum = 0.9f;
    private readonly float[] _velocity = new float[count];

    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate)
    {
        TensorPrimitives.MultiplyAdd(_velocity, Momentum, gradients, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, -learningRate, parameters, parameters);
    }

    public override Optimizer Clone()
    {
        var copy = new SgdOptimizer(_velocity.Length);
        _velocity.CopyTo(copy._velocity, 0);
        return copy;
    }
}

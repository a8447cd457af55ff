namespace DigitsMlp.Training;

/// <summary>An update rule over a network's flat parameter array; it owns its per-parameter state.</summary>
internal abstract class Optimizer
{
    /// <summary>A new optimizer of the given kind for <paramref name="count"/> parameters.</summary>
    public static Optimizer Create(OptimizerKind kind, int count) => kind switch
    {
        OptimizerKind.Sgd => new SgdOptimizer(count),
        _ => new AdamOptimizer(count),
    };

    /// <summary>Moves the parameters against the gradient.</summary>
    public abstract void Step(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate);

    /// <summary>An independent copy with the same state.</summary>
    public abstract Optimizer Clone();
}

namespace DigitsMlp.Training;

/// <summary>The update rule of mini-batch training.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with heavy-ball momentum 0.9: <c>v = 0.9 v + g; w -= lr v</c>.</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba, 2015) with β1 = 0.9, β2 = 0.999, ε = 1e-8 and bias correction.</summary>
    Adam,
}

namespace DigitsMlp.Training;

/// <summary>The nonlinearity of the hidden layers.</summary>
public enum Activation
{
    /// <summary><c>max(0, z)</c>; weights start with He initialization.</summary>
    Relu,

    /// <summary><c>tanh(z)</c>; weights start with Glorot (Xavier) initialization.</summary>
    Tanh,

    /// <summary>The exponential linear unit, <c>z</c> for <c>z &gt; 0</c> and <c>exp(z) - 1</c> otherwise
    /// (Clevert et al., 2016); weights start with He initialization.</summary>
    Elu,
}

namespace Hone.Samplers.Tpe;

/// <summary>
/// The truncation normalizer of each observation's kernel, kept between trials: a univariate kernel's bandwidth
/// changes only when a neighbour arrives or leaves, so most normalizers are reused instead of recomputed.
/// </summary>
internal sealed class KernelMassCache
{
    private double[] _sigma = [];
    private double[] _logMass = [];

    /// <summary>The normalizer of the kernel of <paramref name="row"/> at this bandwidth.</summary>
    public double Get(int row, double mu, double sigma, ParzenParameter parameter)
    {
        if (row >= _sigma.Length)
        {
            var size = Math.Max(row + 1, _sigma.Length * 2);
            var start = _sigma.Length;
            Array.Resize(ref _sigma, size);
            Array.Resize(ref _logMass, size);
            _sigma.AsSpan(start).Fill(double.NaN);
        }

        if (_sigma[row] != sigma)
        {
            _sigma[row] = sigma;
            _logMass[row] = NumericalKernels.LogMassInside(parameter, mu, sigma);
        }

        return _logMass[row];
    }
}

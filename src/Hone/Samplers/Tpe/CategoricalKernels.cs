namespace Hone.Samplers.Tpe;

/// <summary>
/// Categorical kernels: each observation puts weight 1 + v on its own choice and v on every choice, where
/// v = prior weight / (observations + 1), normalized; the prior component is uniform. An Aitchison–Aitken-like
/// smoothing as in Optuna's TPE.
/// </summary>
internal sealed class CategoricalKernels : ParzenKernels
{
    private readonly int[] _observed;
    private readonly double _smoothing;
    private readonly double _logHit;
    private readonly double _logMiss;

    /// <summary>Builds the kernels.</summary>
    /// <param name="parameter">A categorical parameter.</param>
    /// <param name="observed">The observed choice of each component; −1 for the prior.</param>
    /// <param name="observations">The number of observations (components other than the prior).</param>
    /// <param name="priorWeight">The prior weight.</param>
    /// <param name="hasPrior">Whether a prior component is present.</param>
    public CategoricalKernels(ParzenParameter parameter, int[] observed, int observations, double priorWeight, bool hasPrior)
    {
        Parameter = parameter;
        _observed = observed;
        _smoothing = hasPrior ? priorWeight / (observations + 1) : priorWeight / observations;
        _logHit = Math.Log(1 + _smoothing);
        _logMiss = Math.Log(_smoothing);
    }

    /// <inheritdoc/>
    public override ParzenParameter Parameter { get; }

    /// <inheritdoc/>
    public override double Sample(Random random, int component)
    {
        var choices = Parameter.Choices;
        var observed = _observed[component];
        var total = (choices * _smoothing) + (observed >= 0 ? 1 : 0);
        var u = random.NextDouble() * total;
        for (var k = 0; k < choices - 1; k++)
        {
            u -= _smoothing + (k == observed ? 1 : 0);
            if (u < 0)
            {
                return k;
            }
        }

        return choices - 1;
    }

    /// <inheritdoc/>
    public override void AddConstants(Span<double> constants, bool weightByBandwidth)
    {
        var choices = Parameter.Choices;
        var observedNorm = -Math.Log((choices * _smoothing) + 1);
        var priorNorm = -Math.Log(choices * _smoothing);
        for (var j = 0; j < _observed.Length; j++)
        {
            constants[j] += _observed[j] >= 0 ? observedNorm : priorNorm;
        }
    }

    /// <inheritdoc/>
    public override double ScaleByBandwidth(Span<double> weights) => 0;

    /// <inheritdoc/>
    public override void AddLogDensities(double x, Span<double> logDensities)
    {
        var choice = (int)x;
        for (var j = 0; j < _observed.Length; j++)
        {
            logDensities[j] += _observed[j] == choice ? _logHit : _logMiss;
        }
    }
}

using Hone.Samplers.Tpe;

namespace Hone.Samplers.Bohb;

/// <summary>
/// BOHB's kernel density estimate of one group of observations (Falkner et al. 2018, section 3.2): a product of one
/// kernel per parameter around each observation, all observations weighted alike, with no prior component. Numerical
/// parameters get truncated normal kernels whose bandwidth follows the normal reference rule,
/// <c>1.06·sd·n^(−1/(d+4))</c> per parameter, floored at <c>minBandwidth·n^(−1/(d+4))</c> of the range; categorical
/// parameters keep an observation's choice with a probability that grows with the number of observations.
/// </summary>
/// <remarks>
/// The paper floors bandwidths at 1e-3 of the range. On a noise-free objective the good group then gathers onto one
/// point, its standard deviation vanishes and the model only proposes that point again: on the three-parameter learning
/// curves of the tests, without random trials, it stalled at a loss of 0.113 where the optimum is 0.076. A floor of
/// 0.1·n^(−1/(d+4)) of the range, half the fixed bandwidth of Optuna's multivariate TPE, keeps it moving (0.076) and
/// measured better than 0.05 or 0.2. Built on TPE's <see cref="ParzenEstimator"/>, which evaluates and samples such
/// mixtures.
/// </remarks>
internal static class BohbDensity
{
    /// <summary>Fits the estimator, its bandwidths multiplied by <paramref name="widening"/>.</summary>
    /// <param name="parameters">The modelled parameters' kernel spaces.</param>
    /// <param name="points">The observations in kernel space: <c>points[parameter][i]</c>.</param>
    /// <param name="count">How many observations, at least 1.</param>
    /// <param name="minBandwidth">The floor of the bandwidths, as a share of a parameter's range, before the shrinking by n^(−1/(d+4)).</param>
    /// <param name="widening">1 for the model itself; the bandwidth factor for the density candidates are drawn from.</param>
    public static ParzenEstimator Fit(IReadOnlyList<ParzenParameter> parameters, double[][] points, int count, double minBandwidth, double widening)
    {
        var dimensions = parameters.Count;
        var shrink = Math.Pow(count, -1.0 / (dimensions + 4));
        var scale = 1.06 * shrink;
        var floor = minBandwidth * shrink;
        var kernels = new ParzenKernels[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var parameter = parameters[d];
            var values = points[d].AsSpan(0, count);
            if (parameter.IsCategorical)
            {
                // Hone's categorical kernels put weight 1 + v on the observed choice and v on each choice, v =
                // weight / count without a prior: the kept share grows with the observations, as a bandwidth shrinks.
                var choices = new int[count];
                for (var i = 0; i < count; i++)
                {
                    choices[i] = (int)values[i];
                }

                kernels[d] = new CategoricalKernels(parameter, choices, count, widening, hasPrior: false);
                continue;
            }

            var range = parameter.High - parameter.Low;
            var sigma = Math.Max(scale * StandardDeviation(values), floor * range) * widening;
            var sigmas = new double[count];
            Array.Fill(sigmas, sigma);
            kernels[d] = NumericalKernels.WithBandwidths(parameter, values.ToArray(), sigmas);
        }

        var weights = new double[count];
        Array.Fill(weights, 1.0);
        return new ParzenEstimator(weights, kernels, weightByBandwidth: false);
    }

    /// <summary>The population standard deviation (as the normal reference rule takes it).</summary>
    private static double StandardDeviation(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / values.Length);
    }
}

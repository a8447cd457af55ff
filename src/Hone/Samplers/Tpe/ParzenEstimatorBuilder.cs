using System.Globalization;

namespace Hone.Samplers.Tpe;

/// <summary>Builds the Parzen estimators of a TPE sampler from observations, with its options.</summary>
internal sealed class ParzenEstimatorBuilder(TpeSamplerOptions options)
{
    private readonly bool _defaultWeights = options.Weights == (Func<int, IReadOnlyList<double>>)TpeSamplerOptions.DefaultWeights;

    // Scratch reused from one estimator to the next (estimators keep none of it), so that a study with thousands of
    // trials does not allocate these per parameter and trial.
    private double[] _weights = [];
    private double[] _sortedWeights = [];
    private double[] _unsorted = [];
    private int[] _order = [];
    private int[] _sortedRows = [];

    /// <summary>An estimator over one parameter.</summary>
    /// <param name="column">The parameter's column.</param>
    /// <param name="values">The observed values in kernel space, oldest first.</param>
    /// <param name="rows">The history row of each value, or −1 (running trials); lets kernels reuse cached normalizers.</param>
    /// <param name="given">The weight of each value, or empty for the weights of the options by age.</param>
    public ParzenEstimator Univariate(ObservationColumn column, ReadOnlySpan<double> values, ReadOnlySpan<int> rows, ReadOnlySpan<double> given = default)
    {
        var observations = values.Length;
        var hasPrior = options.ConsiderPrior || observations == 0;
        var count = observations + (hasPrior ? 1 : 0);
        var weights = Weights(observations, hasPrior, given);
        var parameter = column.Parameter;
        ParzenKernels kernels;
        if (parameter.IsCategorical)
        {
            kernels = new CategoricalKernels(parameter, Choices(values, hasPrior), observations, options.PriorWeight, hasPrior);
        }
        else
        {
            var order = Scratch(ref _order, count);
            var unsorted = Scratch(ref _unsorted, count);
            values.CopyTo(unsorted);
            if (hasPrior)
            {
                unsorted[count - 1] = Centre(parameter);
            }

            for (var j = 0; j < count; j++)
            {
                order[j] = j;
            }

            var keys = unsorted.ToArray();
            keys.AsSpan().Sort(order);

            // Equal means keep their age order, so a seed gives the same kernels every run.
            StabilizeTies(unsorted, order);

            // Components are stored by ascending mean: neighbours for the bandwidths, and runs of negligible kernels
            // that the density evaluation skips.
            var mu = new double[count];
            var sortedWeights = Scratch(ref _sortedWeights, count);
            var sortedRows = Scratch(ref _sortedRows, count);
            var prior = -1;
            for (var k = 0; k < count; k++)
            {
                var j = order[k];
                mu[k] = unsorted[j];
                sortedWeights[k] = weights[j];
                sortedRows[k] = j < observations ? rows[j] : -1;
                prior = j == observations ? k : prior;
            }

            weights = sortedWeights;
            kernels = NumericalKernels.Univariate(parameter, mu, prior, options, column.Masses, sortedRows);
        }

        return new ParzenEstimator(weights, [kernels]);
    }

    /// <summary>An estimator over one numerical parameter from observations already in ascending order.</summary>
    /// <param name="column">The parameter's column.</param>
    /// <param name="values">The observed values in kernel space, ascending.</param>
    /// <param name="rows">The history row of each value.</param>
    /// <param name="ages">The rank of each value by trial number (0 = oldest), which sets its weight.</param>
    public ParzenEstimator UnivariateSorted(ObservationColumn column, ReadOnlySpan<double> values, ReadOnlySpan<int> rows, ReadOnlySpan<int> ages)
    {
        var observations = values.Length;
        var hasPrior = options.ConsiderPrior || observations == 0;
        var count = observations + (hasPrior ? 1 : 0);
        var weights = Weights(observations, hasPrior, default);
        var parameter = column.Parameter;
        var centre = Centre(parameter);
        var mu = new double[count];
        var sortedWeights = Scratch(ref _sortedWeights, count);
        var sortedRows = Scratch(ref _sortedRows, count);
        var prior = -1;
        var k = 0;
        for (var i = 0; i < observations; i++)
        {
            if (hasPrior && prior < 0 && values[i] > centre)
            {
                prior = k;
                mu[k] = centre;
                sortedWeights[k] = weights[observations];
                sortedRows[k++] = -1;
            }

            mu[k] = values[i];
            sortedWeights[k] = weights[ages[i]];
            sortedRows[k++] = rows[i];
        }

        if (hasPrior && prior < 0)
        {
            prior = k;
            mu[k] = centre;
            sortedWeights[k] = weights[observations];
            sortedRows[k] = -1;
        }

        var kernels = NumericalKernels.Univariate(parameter, mu, prior, options, column.Masses, sortedRows);
        return new ParzenEstimator(sortedWeights, [kernels]);
    }

    /// <summary>An estimator over several parameters jointly.</summary>
    /// <param name="columns">The parameters' columns.</param>
    /// <param name="values">For each parameter, the observed values in kernel space, oldest first.</param>
    /// <param name="observations">The number of observations.</param>
    /// <param name="given">The weight of each observation, or empty for the weights of the options by age.</param>
    public ParzenEstimator Multivariate(IReadOnlyList<ObservationColumn> columns, double[][] values, int observations, ReadOnlySpan<double> given = default)
    {
        var hasPrior = options.ConsiderPrior || observations == 0;
        var count = observations + (hasPrior ? 1 : 0);
        var weights = Weights(observations, hasPrior, given);
        var kernels = new ParzenKernels[columns.Count];
        for (var d = 0; d < columns.Count; d++)
        {
            var parameter = columns[d].Parameter;
            var observed = values[d].AsSpan(0, observations);
            if (parameter.IsCategorical)
            {
                kernels[d] = new CategoricalKernels(parameter, Choices(observed, hasPrior), observations, options.PriorWeight, hasPrior);
                continue;
            }

            var mu = new double[count];
            observed.CopyTo(mu);
            if (hasPrior)
            {
                mu[^1] = Centre(parameter);
            }

            kernels[d] = NumericalKernels.Multivariate(parameter, mu, observations, columns.Count, hasPrior, options);
        }

        return new ParzenEstimator(weights, kernels);
    }

    private static double Centre(ParzenParameter parameter) => 0.5 * (parameter.Low + parameter.High);

    private static int[] Choices(ReadOnlySpan<double> values, bool hasPrior)
    {
        var choices = new int[values.Length + (hasPrior ? 1 : 0)];
        for (var j = 0; j < values.Length; j++)
        {
            choices[j] = (int)values[j];
        }

        if (hasPrior)
        {
            choices[^1] = -1;
        }

        return choices;
    }

    /// <summary>Puts equal means back in index order after an unstable sort.</summary>
    private static void StabilizeTies(Span<double> mu, Span<int> order)
    {
        var start = 0;
        for (var k = 1; k <= order.Length; k++)
        {
            if (k == order.Length || mu[order[k]] != mu[order[start]])
            {
                if (k - start > 1)
                {
                    order[start..k].Sort();
                }

                start = k;
            }
        }
    }

    /// <summary>The weights of the observations, oldest first, then the prior's.</summary>
    private Span<double> Weights(int observations, bool hasPrior, ReadOnlySpan<double> given)
    {
        var weights = Scratch(ref _weights, observations + (hasPrior ? 1 : 0));
        if (!given.IsEmpty)
        {
            given[..observations].CopyTo(weights);
        }
        else if (_defaultWeights)
        {
            TpeSamplerOptions.FillDefaultWeights(weights[..observations]);
        }
        else if (observations > 0)
        {
            var returned = options.Weights(observations) ?? throw Invalid("returned null", observations);
            if (returned.Count != observations)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"returned {returned.Count} weights"), observations);
            }

            var sum = 0.0;
            for (var j = 0; j < observations; j++)
            {
                var w = returned[j];
                if (!double.IsFinite(w) || w < 0)
                {
                    throw Invalid(string.Create(CultureInfo.InvariantCulture, $"returned the weight {w} at index {j}"), observations);
                }

                weights[j] = w;
                sum += w;
            }

            if (sum <= 0)
            {
                throw Invalid("returned only zeros", observations);
            }
        }

        if (hasPrior)
        {
            weights[^1] = options.PriorWeight;
        }

        return weights;
    }

    private static Span<T> Scratch<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }

    private static InvalidOperationException Invalid(string what, int observations) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"TpeSamplerOptions.Weights must return {observations} finite, non-negative weights, not all zero, for {observations} observations, but it {what}. Fix the weights function."));
}

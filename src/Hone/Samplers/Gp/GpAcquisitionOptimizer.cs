using Hone.Numerics;

namespace Hone.Samplers.Gp;

/// <summary>
/// Maximizes an acquisition function over the GP inputs: scores a scrambled Sobol set of candidates and a quarter as many
/// drawn around the best trials, then refines the best few candidates and the best trial by local search (L-BFGS over the continuous inputs, then one step at a time over the
/// discrete and categorical ones, alternating while either improves).
/// </summary>
internal sealed class GpAcquisitionOptimizer
{
    private const int LocalIterations = 40;
    private const int LocalRounds = 3;

    /// <summary>The deviation, in the unit cube, of the candidates drawn around the best trials.</summary>
    private const double AroundDeviation = 0.05;

    private readonly GpSpace _space;
    private readonly int _candidates;
    private readonly int _localSearches;
    private readonly BoundedLbfgs _optimizer = new();
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly List<double> _neighbours = [];
    private readonly bool _hasContinuous;
    private readonly GradientFunction _negated;
    private GpAcquisitionFunction? _function;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The encoding of the space.</param>
    /// <param name="candidates">How many quasi-random candidates to score.</param>
    /// <param name="localSearches">How many of the best candidates to refine.</param>
    public GpAcquisitionOptimizer(GpSpace space, int candidates, int localSearches)
    {
        _space = space;
        _candidates = candidates;
        _localSearches = localSearches;
        _lower = new double[space.Dimension];
        _upper = new double[space.Dimension];
        _hasContinuous = Array.IndexOf(space.Kinds, GpInputKind.Continuous) >= 0;
        _negated = NegatedAcquisition;
    }

    /// <summary>The input with the largest acquisition found.</summary>
    /// <param name="function">The acquisition.</param>
    /// <param name="seed">The seed of the candidates' scrambling.</param>
    /// <param name="incumbents">The inputs of the best trials, best first: the local search starts from the first too.</param>
    /// <returns>A point of the space, every input rounded to a value its parameter can take.</returns>
    public double[] Maximize(GpAcquisitionFunction function, int seed, IReadOnlyList<double[]> incumbents)
    {
        _function = function;
        var d = _space.Dimension;
        var sobol = new SobolSequence(Math.Min(d, SobolSequence.MaxDimension), scramble: true, seed);
        var random = new Random(seed);
        var unit = new double[d];
        // A quarter more candidates around the best trials: the peaks of EI near them are often narrower than the
        // spacing of the Sobol points (BoTorch samples around the best points for the same reason).
        var around = incumbents.Count > 0 ? Math.Max(1, _candidates / 4) : 0;
        var total = _candidates + around;
        var points = new double[total][];
        var values = new double[total];
        for (var c = 0; c < total; c++)
        {
            var point = new double[d];
            if (c < _candidates)
            {
                sobol.Point(c, unit);
                for (var i = SobolSequence.MaxDimension; i < d; i++)
                {
                    unit[i] = random.NextDouble();
                }

                for (var i = 0; i < d; i++)
                {
                    point[i] = _space.FromUnit(i, unit[i]);
                }
            }
            else
            {
                var incumbent = incumbents[c % incumbents.Count];
                for (var i = 0; i < d; i++)
                {
                    point[i] = _space.Kinds[i] == GpInputKind.Categorical
                        ? incumbent[i]
                        : _space.Snap(i, incumbent[i] + (AroundDeviation * StandardNormal.Quantile(Math.Clamp(random.NextDouble(), 1e-12, 1 - 1e-12))));
                }
            }

            points[c] = point;
            values[c] = Finite(function.Value(point));
        }

        // The best candidates by score, ties to the earlier one.
        var order = new int[total];
        for (var c = 0; c < order.Length; c++)
        {
            order[c] = c;
        }

        Array.Sort((double[])values.Clone(), order, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        var best = points[order[0]];
        var bestValue = values[order[0]];
        var searches = new List<double[]>(_localSearches + 1);
        if (incumbents.Count > 0)
        {
            searches.Add((double[])incumbents[0].Clone());
        }

        for (var k = 0; k < Math.Min(_localSearches, order.Length); k++)
        {
            searches.Add(points[order[k]]);
        }

        foreach (var start in searches)
        {
            var value = LocalSearch(start);
            if (value > bestValue)
            {
                bestValue = value;
                best = start;
            }
        }

        return best;
    }

    /// <summary>Improves <paramref name="x"/> in place; returns its acquisition.</summary>
    private double LocalSearch(double[] x)
    {
        var value = Finite(_function!.Value(x));
        for (var round = 0; round < LocalRounds; round++)
        {
            if (_hasContinuous)
            {
                for (var i = 0; i < x.Length; i++)
                {
                    var continuous = _space.Kinds[i] == GpInputKind.Continuous;
                    _lower[i] = continuous ? 0 : x[i];
                    _upper[i] = continuous ? 1 : x[i];
                }

                var candidate = (double[])x.Clone();
                var minimum = _optimizer.Minimize(_negated, candidate, _lower, _upper, LocalIterations, 1e-6, 1e-9);
                if (-minimum > value)
                {
                    value = -minimum;
                    candidate.CopyTo(x, 0);
                }
            }

            var improved = false;
            for (var i = 0; i < x.Length; i++)
            {
                if (_space.Kinds[i] == GpInputKind.Continuous)
                {
                    continue;
                }

                _space.Neighbours(i, x[i], _neighbours);
                var current = x[i];
                var bestInput = current;
                foreach (var neighbour in _neighbours)
                {
                    x[i] = neighbour;
                    var candidateValue = Finite(_function.Value(x));
                    if (candidateValue > value)
                    {
                        value = candidateValue;
                        bestInput = neighbour;
                        improved = true;
                    }
                }

                x[i] = bestInput;
            }

            if (!improved)
            {
                break;
            }
        }

        return value;
    }

    private double NegatedAcquisition(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var value = _function!.Value(x, gradient);
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -value;
    }

    /// <summary>A NaN score ranks last instead of poisoning comparisons.</summary>
    private static double Finite(double value) => double.IsNaN(value) ? double.NegativeInfinity : value;
}

using Hone.Distributions;
using Hone.Samplers.CmaEs;
using Hone.Trials;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsWarmStartTests
{
    private static readonly SortedDictionary<string, Distribution> Distributions = new(StringComparer.Ordinal)
    {
        ["x"] = new FloatDistribution(0, 10),
        ["y"] = new FloatDistribution(0, 10),
    };

    private static readonly CmaEsSpace Space = new(Distributions);

    [Fact]
    public void Estimate_TopTenPercent_GivesTheirMeanAndTheirSpreadPlusThePrior()
    {
        // 20 trials: the best two are (2, 4) and (4, 4), with values 0 and 1.
        var trials = new List<FrozenTrial> { Trial(0, 2, 4, 0), Trial(1, 4, 4, 1) };
        trials.AddRange(Enumerable.Range(2, 18).Select(i => Trial(i, 9, 9, 10 + i)));

        var (mean, sigma, covariance) = CmaEsWarmStart.Estimate(Space, Distributions, trials, 1, separable: false)!.Value;

        Assert.Equal([0.3, 0.4], mean.Select(v => Math.Round(v, 12)));

        // Σ = 0.01·I + diag(0.01, 0): det = 0.02·0.01; σ = det^(1/4), C = Σ / det^(1/2).
        var det = 0.02 * 0.01;
        Assert.Equal(Math.Pow(det, 0.25), sigma, 12);
        Assert.Equal(0.02 / Math.Sqrt(det), covariance[0], 9);
        Assert.Equal(0, covariance[1], 12);
        Assert.Equal(0.01 / Math.Sqrt(det), covariance[3], 9);
    }

    [Fact]
    public void Estimate_Maximizing_PicksTheLargestValues()
    {
        var trials = Enumerable.Range(0, 10).Select(i => Trial(i, i, i, i)).ToList();

        var (mean, sigma, covariance) = CmaEsWarmStart.Estimate(Space, Distributions, trials, -1, separable: true)!.Value;

        Assert.Equal([0.9, 0.9], mean.Select(v => Math.Round(v, 12)));
        Assert.Equal(0.1, sigma, 12);
        Assert.Equal([1.0, 1.0], covariance.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Estimate_TrialsOfAnotherSpace_ReturnsNull()
    {
        var other = new FrozenTrial
        {
            Id = 1,
            Number = 0,
            State = TrialState.Complete,
            Values = [1],
            Params = ParameterSet.Create([("x", new FloatDistribution(0, 5), 1), ("y", Distributions["y"], 1)]),
        };
        var failed = Trial(2, 1, 1, 1) with { State = TrialState.Failed, Values = null };

        Assert.Null(CmaEsWarmStart.Estimate(Space, Distributions, [other, failed], 1, separable: false));
    }

    private static FrozenTrial Trial(int number, double x, double y, double value) => new()
    {
        Id = number + 1,
        Number = number,
        State = TrialState.Complete,
        Values = [value],
        Params = ParameterSet.Create([("x", Distributions["x"], x), ("y", Distributions["y"], y)]),
    };
}

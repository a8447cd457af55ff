using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Numerics;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsMarginTests
{
    private static readonly CmaEsSpace Space = new(new SortedDictionary<string, Distribution>(StringComparer.Ordinal)
    {
        ["a"] = new IntDistribution(0, 5),
        ["b"] = new FloatDistribution(-1, 1),
        ["c"] = new IntDistribution(0, 1),
        ["d"] = new IntDistribution(1, 1000, log: true),
    });

    [Property(MaxTest = 200)]
    public Property Correct_AnyMeanAndSpread_LeavesAtLeastTheMarginOutsideEachCell() =>
        Prop.ForAll(Arb.From(States()), state =>
        {
            var alpha = CmaEsMargin.Alpha(state.Dimension, state.PopulationSize);

            CmaEsMargin.Correct(state, Space);

            foreach (var i in new[] { 0, 2, 3 })
            {
                var m = state.Mean[i];
                var s = state.Sigma * state.MarginScale![i] * Math.Sqrt(state.Variance(i));
                var (low, high) = Space.CellOf(i, m);
                var below = StandardNormal.Cdf((low - m) / s);
                var above = StandardNormal.Cdf((m - high) / s);
                var outside = low == high ? Math.Min(below, above) : Math.Min(below, above) * 2;
                Assert.True(outside >= alpha * (1 - 1e-6), $"coordinate {i}: mean {m}, spread {s}, outside {outside} < margin {alpha}");
            }
        });

    [Fact]
    public void Correct_WideDistribution_ChangesNothing()
    {
        var state = Margined([0.3, 0.5, 0.4, 0.6], sigma: 0.3);

        CmaEsMargin.Correct(state, Space);

        Assert.Equal(0.3, state.Mean[0], 12);
        Assert.Equal(0.4, state.Mean[2], 12);
        Assert.All(state.MarginScale!, a => Assert.Equal(1, a, 9));
    }

    [Fact]
    public void Correct_ContinuousCoordinate_IsNeverTouched()
    {
        var state = Margined([0.3, 0.123, 0.4, 0.6], sigma: 1e-6);

        CmaEsMargin.Correct(state, Space);

        Assert.Equal(0.123, state.Mean[1]);
        Assert.Equal(1, state.MarginScale![1]);
    }

    [Fact]
    public void Encode_ScalesDiscreteCoordinatesAboutTheMeanOnly()
    {
        var state = Margined([0.5, 0.5, 0.5, 0.5], sigma: 0.1);
        state.MarginScale = [2, 2, 3, 4];
        var encoded = new double[4];

        CmaEsMargin.Encode(state, Space, [0.6, 0.6, 0.4, 0.5], encoded);

        Assert.Equal([0.7, 0.6, 0.2, 0.5], encoded.Select(v => Math.Round(v, 12)));
    }

    private static CmaEsState Margined(double[] mean, double sigma)
    {
        var state = new CmaEsState(4, false, 8, mean, sigma, null);
        state.MarginScale = [1, 1, 1, 1];
        return state;
    }

    private static Gen<CmaEsState> States() =>
        from mean in Gen.ArrayOf(Gen.Choose(0, 1000).Select(i => i / 1000.0), 4)
        from exponent in Gen.Choose(-60, 0)
        select Margined(mean, Math.Pow(10, exponent / 10.0));
}

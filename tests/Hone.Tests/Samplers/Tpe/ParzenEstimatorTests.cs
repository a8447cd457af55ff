using Hone.Distributions;
using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public class ParzenEstimatorTests
{
    private static readonly double[] Observations = [0.1, 0.5, 0.52, 0.9, 0.3, 0.31, 0.05];

    [Theory]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(300)]
    public void Weight_AnyCount_SumsToOne(int count)
    {
        var estimator = Univariate(new FloatDistribution(0, 1), Enumerable.Range(0, count).Select(i => (i % 97) / 97.0).ToArray());

        var sum = Enumerable.Range(0, estimator.Components).Sum(estimator.Weight);

        Assert.Equal(1, sum, 1e-12);
        Assert.Equal(count + 1, estimator.Components);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LogPdf_Continuous_IntegratesToOne(bool weightByBandwidth)
    {
        var column = new ObservationColumn("x", new FloatDistribution(-2, 3));
        var built = Builder().Univariate(column, Observations, NoRows(Observations.Length));
        var estimator = new ParzenEstimator(Enumerable.Range(0, built.Components).Select(built.Weight).ToArray(), [.. built.Kernels], weightByBandwidth);

        var integral = Integrate(estimator, -2, 3, 20_000);

        Assert.Equal(1, integral, 1e-4);
    }

    [Fact]
    public void LogPdf_Multivariate_IntegratesToOne()
    {
        var x = new ObservationColumn("x", new FloatDistribution(0, 1));
        var y = new ObservationColumn("y", new FloatDistribution(-1, 1));
        var estimator = Builder().Multivariate([x, y], [[0.1, 0.5, 0.9], [0.2, -0.8, 0.5]], 3);
        const int Steps = 300;
        var points = new[] { new double[Steps], new double[Steps] };
        var densities = new double[Steps];
        var integral = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            Array.Fill(points[0], (i + 0.5) / Steps);
            for (var k = 0; k < Steps; k++)
            {
                points[1][k] = -1 + (2 * (k + 0.5) / Steps);
            }

            estimator.LogPdf(points, Steps, densities);
            integral += densities.Sum(Math.Exp) * (1.0 / Steps) * (2.0 / Steps);
        }

        Assert.Equal(1, integral, 1e-3);
    }

    [Theory]
    [InlineData(0, 10, 1)]
    [InlineData(-6, 6, 3)]
    public void LogPdf_Integer_MassesOverTheGridSumToOne(int low, int high, int step)
    {
        var distribution = new IntDistribution(low, high, step: step);
        var estimator = Univariate(distribution, [low, low + step, high, high]);
        var grid = Enumerable.Range(0, ((high - low) / step) + 1).Select(k => (double)(low + (k * step))).ToArray();
        var densities = new double[grid.Length];

        estimator.LogPdf([grid], grid.Length, densities);

        Assert.Equal(1, densities.Sum(Math.Exp), 1e-12);
    }

    [Fact]
    public void LogPdf_Categorical_ProbabilitiesSumToOneAndFavourTheObserved()
    {
        var estimator = Univariate(new CategoricalDistribution(["a", "b", "c", "d"]), [1, 1, 1, 2]);
        var densities = new double[4];

        estimator.LogPdf([[0, 1, 2, 3]], 4, densities);

        Assert.Equal(1, densities.Sum(Math.Exp), 1e-12);
        Assert.True(densities[1] > densities[2] && densities[2] > densities[0]);
        Assert.Equal(densities[0], densities[3], 1e-12);
    }

    [Theory]
    [InlineData("float")]
    [InlineData("log")]
    [InlineData("step")]
    [InlineData("int")]
    [InlineData("intlog")]
    public void Sample_AnyKind_StaysInsideTheDistribution(string kind)
    {
        Distribution distribution = kind switch
        {
            "float" => new FloatDistribution(-1, 1),
            "log" => new FloatDistribution(1e-3, 10, log: true),
            "step" => new FloatDistribution(0, 1, step: 0.1),
            "int" => new IntDistribution(-5, 5),
            _ => new IntDistribution(1, 1000, log: true),
        };
        var column = new ObservationColumn("x", distribution);
        var edges = distribution switch
        {
            FloatDistribution f => new[] { f.Low, f.High, f.High },
            IntDistribution i => [i.Low, i.High, i.High],
            _ => [],
        };
        var estimator = Builder().Univariate(column, edges.Select(column.Parameter.ToModel).ToArray(), NoRows(3));
        var points = new[] { new double[500] };

        estimator.Sample(new Random(5), points, 500);

        Assert.All(points[0], p => Assert.True(distribution.Contains(column.Parameter.FromModel(p)), $"{p} maps outside {distribution}"));
        Assert.All(points[0], p => Assert.InRange(p, column.Parameter.Low, column.Parameter.High));
    }

    [Theory]
    [InlineData(true, 5)]
    [InlineData(true, 300)]
    [InlineData(false, 300)]
    public void Univariate_ClusteredObservations_BandwidthsRespectTheMagicClip(bool magicClip, int count)
    {
        var options = new TpeSamplerOptions { ConsiderMagicClip = magicClip };
        var column = new ObservationColumn("x", new FloatDistribution(0, 10));
        var values = Enumerable.Repeat(5.0, count).ToArray();

        var estimator = new ParzenEstimatorBuilder(options).Univariate(column, values, NoRows(count));
        var sigma = ((NumericalKernels)estimator.Kernels[0]).Sigma.ToArray();

        var floor = magicClip ? 10 / Math.Min(100.0, 1 + count + 1) : 1e-12;
        Assert.All(sigma, s => Assert.True(s >= floor * (1 - 1e-12), $"bandwidth {s} below the floor {floor}"));
        Assert.Contains(sigma, s => s == 10);
        Assert.Equal(magicClip ? floor : 1e-12, sigma.Min(), floor * 1e-9);
    }

    [Fact]
    public void Univariate_Bandwidths_AreTheLargerGapToTheNeighbours()
    {
        var column = new ObservationColumn("x", new FloatDistribution(0, 1));
        var options = new TpeSamplerOptions { ConsiderPrior = false, ConsiderMagicClip = false };

        var estimator = new ParzenEstimatorBuilder(options).Univariate(column, [0.2, 0.3, 0.6, 0.9], NoRows(4));
        var kernels = (NumericalKernels)estimator.Kernels[0];

        // Sorted 0.2, 0.3, 0.6, 0.9: the ends look inwards only (ConsiderEndpoints is off).
        Assert.Equal([0.2, 0.3, 0.6, 0.9], kernels.Mu.ToArray());
        Assert.Equal([0.1, 0.3, 0.3, 0.3], kernels.Sigma.ToArray().Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void LogPdf_PeaksNearTheObservations()
    {
        var estimator = Univariate(new FloatDistribution(0, 1), [0.7, 0.71, 0.72, 0.69]);
        var densities = new double[2];

        estimator.LogPdf([[0.7, 0.1]], 2, densities);

        Assert.True(densities[0] > densities[1] + 1);
    }

    private static ParzenEstimatorBuilder Builder() => new(new TpeSamplerOptions());

    private static ParzenEstimator Univariate(Distribution distribution, double[] internalValues)
    {
        var column = new ObservationColumn("x", distribution);
        var values = internalValues.Select(column.Parameter.ToModel).ToArray();
        return Builder().Univariate(column, values, NoRows(values.Length));
    }

    private static int[] NoRows(int count) => Enumerable.Repeat(-1, count).ToArray();

    private static double Integrate(ParzenEstimator estimator, double low, double high, int steps)
    {
        var h = (high - low) / steps;
        var points = new[] { Enumerable.Range(0, steps).Select(i => low + ((i + 0.5) * h)).ToArray() };
        var densities = new double[steps];
        estimator.LogPdf(points, steps, densities);
        return densities.Sum(Math.Exp) * h;
    }
}

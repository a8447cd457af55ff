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

    [Fact]
    public void LogPdf_ContinuousWithRampedWeights_RanksCandidatesAsOptuna31()
    {
        // 30 "above" observations (the older five ramped down) and five "below" ones on [-2, 3]; the expected
        // ln l(x) - ln g(x), relative to the first point, are Optuna 3.1's _ParzenEstimator.log_pdf on the same data.
        var column = new ObservationColumn("x", new FloatDistribution(-2, 3));
        double[] below = [0.1, 0.5, 0.52, 0.9, 0.3];
        var above = Enumerable.Range(0, 30).Select(i => ((i * 37 % 101) / 101.0 * 5) - 2).ToArray();
        double[] points = [-1.5, 0, 0.4, 1.7, 2.9];
        double[] optuna = [0.0, 0.899783656081488, 0.9336693879615869, 0.38294488874852806, 0.1728463146064838];

        var scores = Scores(column, below, above, points);

        Assert.All(Enumerable.Range(0, points.Length), i => Assert.Equal(optuna[i], scores[i] - scores[0], 1e-9));
    }

    [Fact]
    public void LogPdf_IntegerCells_RanksCandidatesAsOptuna31()
    {
        // Integer 0..10 with a repeated observation; expected values from Optuna 3.1 as above.
        var column = new ObservationColumn("k", new IntDistribution(0, 10));
        double[] below = [3, 3, 4, 7];
        var above = Enumerable.Range(0, 20).Select(i => (double)(i * 7 % 11)).ToArray();
        var points = Enumerable.Range(0, 11).Select(i => (double)i).ToArray();
        double[] optuna =
        [
            0.0, 0.5807465398650407, 1.020205744477897, 1.3530641602260642, 1.466654382788073, 1.0400016333108653,
            0.9305994432076932, 0.7283456371071897, 0.5151539448548528, 0.1246143445179464, -0.3503092394397762,
        ];

        var scores = Scores(column, below, above, points);

        Assert.All(Enumerable.Range(0, points.Length), i => Assert.Equal(optuna[i], scores[i] - scores[0], 1e-9));
    }

    [Fact]
    public void LogPdf_GivenHypervolumeWeights_MatchesOptuna31()
    {
        // MOTPE's good group: weights given per observation (hypervolume contributions relative to the largest, one
        // negligible), the prior at weight 1 beside them. Optuna 3.1's _ParzenEstimator.log_pdf with the same
        // predetermined_weights gives these values; it leaves out each kernel's 1/σ, which Hone's normalized density
        // keeps, so the two agree up to one constant: compared relative to the first point.
        var column = new ObservationColumn("x", new FloatDistribution(-2, 3));
        double[] below = [0.1, 0.5, 0.52, 0.9, 0.3];
        double[] weights = [1.0, 0.25, 1e-12, 0.6, 0.05];
        double[] points = [-1.5, 0, 0.4, 1.7, 2.9];
        double[] optuna = [-1.0668074905896876, -0.5717702890826221, -0.5260365016912427, -0.8823246090428466, -1.1332188498556448];
        var densities = new double[points.Length];

        Builder().Univariate(column, below, NoRows(below.Length), weights).LogPdf([points], points.Length, densities);

        Assert.All(Enumerable.Range(0, points.Length), i => Assert.Equal(optuna[i] - optuna[0], densities[i] - densities[0], 1e-9));
    }

    private static ParzenEstimatorBuilder Builder() => new(new TpeSamplerOptions());

    private static ParzenEstimator Univariate(Distribution distribution, double[] internalValues)
    {
        var column = new ObservationColumn("x", distribution);
        var values = internalValues.Select(column.Parameter.ToModel).ToArray();
        return Builder().Univariate(column, values, NoRows(values.Length));
    }

    /// <summary>ln l(x) − ln g(x) at each point, with the default options.</summary>
    private static double[] Scores(ObservationColumn column, double[] below, double[] above, double[] points)
    {
        var l = new double[points.Length];
        var g = new double[points.Length];
        Builder().Univariate(column, below, NoRows(below.Length)).LogPdf([points], points.Length, l);
        Builder().Univariate(column, above, NoRows(above.Length)).LogPdf([points], points.Length, g);
        return l.Zip(g, (a, b) => a - b).ToArray();
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

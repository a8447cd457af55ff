using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Samplers.Gp;

namespace Hone.Tests.Samplers.Gp;

public class GaussianProcessTests
{
    private static readonly GpInputKind[] Kinds = [GpInputKind.Continuous, GpInputKind.Continuous, GpInputKind.Categorical];

    [Fact]
    public void Predict_AtAnObservation_ReturnsItsValueWithAlmostNoVariance()
    {
        var (x, y) = Data(12, seed: 1);
        var gp = Conditioned(x, y, noise: 1e-6);

        var mean = gp.Predict(x.AsSpan(3 * 3, 3), out var variance);

        Assert.Equal(y[3], mean, 1e-3);
        Assert.InRange(variance, 0, 1e-4);
    }

    [Property(MaxTest = 100)]
    public Property Predict_AnyPoint_VarianceIsBetweenZeroAndTheSignal() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Choose(1, 30)), (seed, n) =>
        {
            var (x, y) = Data(n, seed);
            var gp = Conditioned(x, y, noise: 1e-6);
            var random = new Random(seed);
            double[] point = [random.NextDouble(), random.NextDouble(), random.Next(3)];
            var mean = gp.Predict(point, out var variance);
            return double.IsFinite(mean) && variance >= 0 && variance <= gp.SignalVariance;
        });

    [Fact]
    public void Predict_WithGradient_MatchesFiniteDifferencesAndAgreesWithThePlainPrediction()
    {
        var (x, y) = Data(15, seed: 2);
        var gp = Conditioned(x, y, noise: 1e-3);
        double[] point = [0.3, 0.6, 1];
        var meanGradient = new double[3];
        var varianceGradient = new double[3];

        var mean = gp.Predict(point, out var variance, meanGradient, varianceGradient);

        Assert.Equal(gp.Predict(point, out var plainVariance), mean, 1e-12);
        Assert.Equal(plainVariance, variance, 1e-12);
        for (var i = 0; i < 2; i++)
        {
            const double H = 1e-6;
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[i] += H;
            down[i] -= H;
            var meanUp = gp.Predict(up, out var varianceUp);
            var meanDown = gp.Predict(down, out var varianceDown);
            Assert.Equal((meanUp - meanDown) / (2 * H), meanGradient[i], 1e-5);
            Assert.Equal((varianceUp - varianceDown) / (2 * H), varianceGradient[i], 1e-5);
        }

        Assert.Equal(0, meanGradient[2]);
        Assert.Equal(0, varianceGradient[2]);
    }

    [Fact]
    public void Condition_DuplicatePoints_StaysFinite()
    {
        // Every point twice with different values: a singular matrix without the noise and the jitter.
        var (x, y) = Data(10, seed: 3);
        var doubledX = x.Concat(x).ToArray();
        var doubledY = y.Concat(y.Select(v => v + 0.1)).ToArray();
        var gp = new GaussianProcess(Kinds);

        Assert.True(gp.Condition(doubledX, doubledY, 20, [Math.Log(0.3), Math.Log(0.3), 0, 0, Math.Log(1e-6)]));
        var mean = gp.Predict(x.AsSpan(0, 3), out var variance);

        Assert.Equal(y[0] + 0.05, mean, 1e-2);
        Assert.True(variance >= 0);
    }

    [Fact]
    public void Kernel_CategoricalInputs_DependOnlyOnEquality()
    {
        var (x, y) = Data(5, seed: 4);
        var gp = Conditioned(x, y, noise: 1e-6);

        Assert.Equal(gp.SquaredDistance([0, 0, 0], [0, 0, 1]), gp.SquaredDistance([0, 0, 0], [0, 0, 2]));
        Assert.Equal(0, gp.SquaredDistance([0.5, 0.5, 2], [0.5, 0.5, 2]));
    }

    internal static (double[] X, double[] Y) Data(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n * 3];
        var y = new double[n];
        for (var t = 0; t < n; t++)
        {
            x[t * 3] = random.NextDouble();
            x[(t * 3) + 1] = random.NextDouble();
            x[(t * 3) + 2] = random.Next(3);
            y[t] = Math.Sin(6 * x[t * 3]) + (x[(t * 3) + 1] * x[(t * 3) + 1]) + (0.5 * x[(t * 3) + 2]);
        }

        return (x, y);
    }

    private static GaussianProcess Conditioned(double[] x, double[] y, double noise)
    {
        var gp = new GaussianProcess(Kinds);
        Assert.True(gp.Condition(x, y, y.Length, [Math.Log(0.3), Math.Log(0.5), 0, 0, Math.Log(noise)]));
        return gp;
    }
}

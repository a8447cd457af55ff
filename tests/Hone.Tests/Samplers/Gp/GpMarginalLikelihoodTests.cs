using Hone.Samplers.Gp;

namespace Hone.Tests.Samplers.Gp;

public class GpMarginalLikelihoodTests
{
    private static readonly GpInputKind[] Kinds = [GpInputKind.Continuous, GpInputKind.Continuous, GpInputKind.Categorical];

    [Fact]
    public void Evaluate_Gradient_MatchesFiniteDifferences()
    {
        var (x, y) = GaussianProcessTests.Data(25, seed: 5);
        var likelihood = new GpMarginalLikelihood(Kinds);
        likelihood.SetData(x, y, 25);
        double[] theta = [Math.Log(0.4), Math.Log(0.7), Math.Log(1.5), 0.3, Math.Log(0.01)];
        var gradient = new double[5];

        likelihood.Evaluate(theta, gradient);

        var scratch = new double[5];
        for (var j = 0; j < theta.Length; j++)
        {
            const double H = 1e-6;
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[j] += H;
            down[j] -= H;
            var numeric = (likelihood.Evaluate(up, scratch) - likelihood.Evaluate(down, scratch)) / (2 * H);
            Assert.True(Math.Abs(numeric - gradient[j]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"θ{j}: analytic {gradient[j]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Fit_SmoothData_ImprovesOnTheDefaultStart()
    {
        var (x, y) = GaussianProcessTests.Data(30, seed: 6);
        var likelihood = new GpMarginalLikelihood(Kinds);
        likelihood.SetData(x, y, 30);
        var gradient = new double[5];
        var start = likelihood.DefaultStart();

        var theta = likelihood.Fit([start], 100, fixedNoise: false);

        Assert.NotNull(theta);
        Assert.True(likelihood.Evaluate(theta, gradient) < likelihood.Evaluate(start, gradient) - 1);
    }

    [Fact]
    public void Fit_FixedNoise_HoldsTheNoiseAtItsFloor()
    {
        var (x, y) = GaussianProcessTests.Data(20, seed: 7);
        var likelihood = new GpMarginalLikelihood(Kinds);
        likelihood.SetData(x, y, 20);

        var theta = likelihood.Fit([likelihood.DefaultStart()], 50, fixedNoise: true);

        Assert.Equal(Math.Log(GpMarginalLikelihood.MinNoise), theta![^1], 1e-12);
    }

    [Fact]
    public void Fit_ConstantValues_StaysFinite()
    {
        var (x, _) = GaussianProcessTests.Data(15, seed: 8);
        var likelihood = new GpMarginalLikelihood(Kinds);
        likelihood.SetData(x, new double[15], 15);

        var theta = likelihood.Fit([likelihood.DefaultStart()], 50, fixedNoise: false);

        Assert.NotNull(theta);
        Assert.All(theta, v => Assert.True(double.IsFinite(v)));
    }
}

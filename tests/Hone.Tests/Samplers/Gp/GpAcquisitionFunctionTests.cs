using Hone.Samplers.Gp;

namespace Hone.Tests.Samplers.Gp;

public class GpAcquisitionFunctionTests
{
    private static readonly GpInputKind[] Kinds = [GpInputKind.Continuous, GpInputKind.Continuous, GpInputKind.Categorical];

    public static TheoryData<GpAcquisition, bool> Variants => new()
    {
        { GpAcquisition.LogExpectedImprovement, false },
        { GpAcquisition.LogExpectedImprovement, true },
        { GpAcquisition.UpperConfidenceBound, false },
        { GpAcquisition.UpperConfidenceBound, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Value_Gradient_MatchesFiniteDifferences(GpAcquisition kind, bool constrained)
    {
        var function = Function(kind, constrained, target: -0.5);
        double[] point = [0.35, 0.55, 1];
        var gradient = new double[3];

        var value = function.Value(point, gradient);

        Assert.Equal(function.Value(point), value, 1e-10);
        for (var i = 0; i < 2; i++)
        {
            const double H = 1e-6;
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[i] += H;
            down[i] -= H;
            var numeric = (function.Value(up) - function.Value(down)) / (2 * H);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"x{i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Value_FarBelowTheTarget_IsFiniteAndOrdered()
    {
        // A target far below anything the model expects: plain EI would underflow to 0 at every point.
        var function = Function(GpAcquisition.LogExpectedImprovement, constrained: false, target: -1e4);
        var gradient = new double[3];

        var low = function.Value([0.2, 0.2, 0], gradient);
        var high = function.Value([0.9, 0.9, 2], gradient);

        Assert.True(double.IsFinite(low) && double.IsFinite(high));
        Assert.NotEqual(low, high);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
    }

    private static GpAcquisitionFunction Function(GpAcquisition kind, bool constrained, double target)
    {
        var (x, y) = GaussianProcessTests.Data(15, seed: 9);
        double[] theta = [Math.Log(0.3), Math.Log(0.5), 0, 0, Math.Log(1e-4)];
        var objective = new GaussianProcess(Kinds);
        Assert.True(objective.Condition(x, y, 15, theta));
        var constraints = new List<(GaussianProcess, double)>();
        if (constrained)
        {
            var constraint = new GaussianProcess(Kinds);
            Assert.True(constraint.Condition(x, y.Select(v => Math.Cos(3 * v)).ToArray(), 15, theta));
            constraints.Add((constraint, 0.2));
        }

        return new GpAcquisitionFunction(objective, constraints, kind, 2, target);
    }
}

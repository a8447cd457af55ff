using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class BoundedLbfgsTests
{
    [Fact]
    public void Minimize_Rosenbrock_ReachesTheMinimum()
    {
        double[] x = [-1.2, 1];

        var value = new BoundedLbfgs().Minimize(Rosenbrock, x, [-5, -5], [5, 5], 500, 1e-8, 0);

        Assert.True(value < 1e-10, $"f = {value}");
        Assert.Equal(1, x[0], 1e-4);
        Assert.Equal(1, x[1], 1e-4);
    }

    [Fact]
    public void Minimize_MinimumOutsideTheBox_StopsOnTheBound()
    {
        // (x − 3)² + (y + 1)² on [0, 1]²: the constrained minimum is (1, 0).
        static double Shifted(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
            return ((x[0] - 3) * (x[0] - 3)) + ((x[1] + 1) * (x[1] + 1));
        }

        double[] x = [0.5, 0.5];

        new BoundedLbfgs().Minimize(Shifted, x, [0, 0], [1, 1], 100);

        Assert.Equal([1.0, 0.0], x);
    }

    [Fact]
    public void Minimize_NonFiniteRegion_StepsBackAndStaysFinite()
    {
        // Undefined (NaN) beyond x = 2, minimum at x = 1.5 on the edge of it.
        static double Edge(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 2 * (x[0] - 1.5);
            return x[0] > 2 ? double.NaN : (x[0] - 1.5) * (x[0] - 1.5);
        }

        double[] x = [-10];

        var value = new BoundedLbfgs().Minimize(Edge, x, [-100], [100], 100);

        Assert.True(double.IsFinite(value));
        Assert.Equal(1.5, x[0], 1e-6);
    }

    [Fact]
    public void Minimize_NonFiniteStart_ReturnsInfinityWithoutThrowing()
    {
        double[] x = [0];

        var value = new BoundedLbfgs().Minimize((_, g) => double.NaN, x, [-1], [1], 10);

        Assert.Equal(double.PositiveInfinity, value);
    }

    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        var a = 1 - x[0];
        var b = x[1] - (x[0] * x[0]);
        g[0] = (-2 * a) - (400 * x[0] * b);
        g[1] = 200 * b;
        return (a * a) + (100 * b * b);
    }
}

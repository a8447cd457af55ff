using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class CholeskyTests
{
    [Property(MaxTest = 50)]
    public Property FactorWithJitter_RandomSpdMatrix_ReproducesItAndSolves() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 40)), Arb.From(Gen.Choose(0, 10_000)), (n, seed) =>
        {
            var a = RandomSpd(n, new Random(seed));
            var lower = new double[n * n];
            Assert.True(Cholesky.FactorWithJitter(a, lower, n, out var jitter));
            Assert.Equal(0, jitter);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var product = 0.0;
                    for (var k = 0; k <= j; k++)
                    {
                        product += lower[(i * n) + k] * lower[(j * n) + k];
                    }

                    Assert.Equal(a[(i * n) + j], product, 1e-9);
                }
            }

            var b = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
            var x = (double[])b.Clone();
            Cholesky.Solve(lower, n, x);
            for (var i = 0; i < n; i++)
            {
                var ax = 0.0;
                for (var j = 0; j < n; j++)
                {
                    ax += a[(i * n) + j] * x[j];
                }

                Assert.Equal(b[i], ax, 1e-8);
            }

            return true;
        });

    [Fact]
    public void Inverse_RandomSpdMatrix_TimesTheMatrixIsTheIdentity()
    {
        const int N = 23;
        var a = RandomSpd(N, new Random(5));
        var lower = new double[N * N];
        Assert.True(Cholesky.FactorWithJitter(a, lower, N, out _));
        var inverse = new double[N * N];

        Cholesky.Inverse(lower, N, inverse, new double[N * N]);

        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                var product = 0.0;
                for (var k = 0; k < N; k++)
                {
                    product += a[(i * N) + k] * inverse[(k * N) + j];
                }

                Assert.Equal(i == j ? 1 : 0, product, 1e-9);
            }
        }
    }

    [Fact]
    public void FactorWithJitter_SingularMatrix_SucceedsWithASmallJitter()
    {
        // Two identical rows: rank one, as the kernel matrix of a duplicated point without noise.
        double[] a = [1, 1, 1, 1];
        var lower = new double[4];

        Assert.True(Cholesky.FactorWithJitter(a, lower, 2, out var jitter));
        Assert.InRange(jitter, 1e-12, 1e-6);
        Assert.All(lower, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void FactorWithJitter_NonFiniteEntry_ReportsFailure()
    {
        double[] a = [1, 0, double.NaN, 1];

        Assert.False(Cholesky.FactorWithJitter(a, new double[4], 2, out _));
    }

    [Fact]
    public void LogDeterminant_DiagonalMatrix_IsTheSumOfLogs()
    {
        double[] a = [4, 0, 0, 0, 9, 0, 0, 0, 0.25];
        var lower = new double[9];
        Assert.True(Cholesky.FactorWithJitter(a, lower, 3, out _));

        Assert.Equal(Math.Log(4 * 9 * 0.25), Cholesky.LogDeterminant(lower, 3), 1e-12);
    }

    private static double[] RandomSpd(int n, Random random)
    {
        // B·Bᵀ + n·I: symmetric and well conditioned.
        var b = new double[n * n];
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = (random.NextDouble() * 2) - 1;
        }

        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = i == j ? n : 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += b[(i * n) + k] * b[(j * n) + k];
                }

                a[(i * n) + j] = sum;
            }
        }

        return a;
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class SymmetricEigenTests
{
    [Property(MaxTest = 60)]
    public Property Decompose_AnySymmetricMatrix_ReconstructsItWithOrthonormalVectors() =>
        Prop.ForAll(Arb.From(SymmetricMatrices()), input =>
        {
            var (n, a) = input;
            var values = new double[n];
            var vectors = new double[n * n];

            SymmetricEigen.Decompose(a, n, values, vectors);

            AssertDecomposes(a, n, values, vectors);
        });

    [Property(MaxTest = 30)]
    public Property Decompose_WithTheVectorsOfANearbyMatrixAsGuess_GivesTheSameDecomposition() =>
        Prop.ForAll(Arb.From(SymmetricMatrices()), input =>
        {
            var (n, a) = input;
            var values = new double[n];
            var guess = new double[n * n];
            SymmetricEigen.Decompose(a, n, values, guess);
            var nearby = a.Select((v, i) => v + (((i / n) + (i % n)) % 3 * 1e-3)).ToArray();
            var vectors = new double[n * n];

            SymmetricEigen.Decompose(nearby, n, values, vectors, guess);

            AssertDecomposes(nearby, n, values, vectors);
        });

    [Fact]
    public void Decompose_DiagonalMatrix_ReturnsItsDiagonalAndTheAxes()
    {
        double[] a = [3, 0, 0, 0, 1e-12, 0, 0, 0, -2];
        var values = new double[3];
        var vectors = new double[9];

        SymmetricEigen.Decompose(a, 3, values, vectors);

        Assert.Equal([3, 1e-12, -2], values);
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, 1], vectors);
    }

    [Fact]
    public void Decompose_KnownMatrix_FindsItsEigenvalues()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        var values = new double[2];

        SymmetricEigen.Decompose([2, 1, 1, 2], 2, values, new double[4]);

        Assert.Equal([1.0, 3.0], values.Order().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Decompose_MismatchedBuffers_Throws()
    {
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[4], 2, new double[3], new double[4]));
    }

    private static void AssertDecomposes(double[] a, int n, double[] values, double[] vectors)
    {
        var scale = Math.Max(1, a.Max(Math.Abs));
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double reconstructed = 0, dot = 0;
                for (var k = 0; k < n; k++)
                {
                    reconstructed += vectors[(i * n) + k] * values[k] * vectors[(j * n) + k];
                    dot += vectors[(k * n) + i] * vectors[(k * n) + j];
                }

                Assert.True(Math.Abs(reconstructed - a[(i * n) + j]) < 1e-10 * scale, $"A[{i},{j}] = {a[(i * n) + j]}, V·D·Vᵀ gives {reconstructed}");
                Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) < 1e-10, $"columns {i} and {j} have dot product {dot}");
            }
        }
    }

    private static Gen<(int N, double[] A)> SymmetricMatrices() =>
        from n in Gen.Choose(1, 12)
        from entries in Gen.ArrayOf(Gen.Choose(-1000, 1000), n * n)
        select (n, Symmetrize(n, entries));

    private static double[] Symmetrize(int n, int[] entries)
    {
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = entries[(i * n) + j] / 100.0;
            }
        }

        return a;
    }
}

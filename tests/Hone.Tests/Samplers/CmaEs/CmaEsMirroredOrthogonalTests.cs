using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsMirroredOrthogonalTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(13)]
    public void Draw_TwoHalvesOfAPair_AreExactNegatives(int direction)
    {
        var first = new double[5];
        var second = new double[5];

        CmaEsMirroredOrthogonal.Draw(7, 100, 2 * direction, 0, first);
        CmaEsMirroredOrthogonal.Draw(7, 100, (2 * direction) + 1, 0, second);

        Assert.Equal(first.Select(v => -v), second);
        Assert.Contains(first, v => v != 0);
    }

    [Fact]
    public void Draw_DirectionsOfOneBlock_AreOrthogonal()
    {
        const int N = 4;
        var vectors = Enumerable.Range(0, N).Select(d =>
        {
            var z = new double[N];
            CmaEsMirroredOrthogonal.Draw(3, 20, 2 * d, 0, z);
            return z;
        }).ToList();

        for (var a = 0; a < N; a++)
        {
            for (var b = a + 1; b < N; b++)
            {
                var dot = vectors[a].Zip(vectors[b], (x, y) => x * y).Sum();
                Assert.Equal(0, dot, 1e-12);
            }
        }
    }

    [Fact]
    public void Draw_AnotherAttempt_DrawsAnotherVector()
    {
        var first = new double[3];
        var retry = new double[3];

        CmaEsMirroredOrthogonal.Draw(3, 20, 4, 0, first);
        CmaEsMirroredOrthogonal.Draw(3, 20, 4, 1, retry);

        Assert.NotEqual(first, retry);
    }

    [Fact]
    public void Draw_EachVectorOnItsOwn_FollowsTheStandardNormal()
    {
        // A random direction of a random orthonormal block, scaled by an independent chi(n) length, is N(0, I): the
        // sample mean is 0 and the sample covariance the identity, whichever position in the block is drawn.
        const int N = 3;
        const int Draws = 30_000;
        var sum = new double[N];
        var products = new double[N, N];
        var z = new double[N];
        for (var i = 0; i < Draws; i++)
        {
            CmaEsMirroredOrthogonal.Draw(11, 10 * i, i % (2 * N), 0, z);
            for (var a = 0; a < N; a++)
            {
                sum[a] += z[a];
                for (var b = 0; b < N; b++)
                {
                    products[a, b] += z[a] * z[b];
                }
            }
        }

        for (var a = 0; a < N; a++)
        {
            Assert.InRange(sum[a] / Draws, -0.03, 0.03);
            for (var b = 0; b < N; b++)
            {
                Assert.InRange(products[a, b] / Draws, a == b ? 0.96 : -0.03, a == b ? 1.04 : 0.03);
            }
        }
    }

    [Fact]
    public void PairLosers_CompletePairs_DemoteTheWorseOfEach()
    {
        // First trial 10: 10/11 and 12/13 are pairs; 15 lost its partner 14, and 16's partner 17 is not a member.
        long[] numbers = [10, 11, 12, 13, 15, 16];
        double[] values = [5, 1, 2, 2, 0, 9];

        var demoted = CmaEsMirroredOrthogonal.PairLosers(numbers, values, 10);

        Assert.Equal([true, false, false, true, false, false], demoted);
    }
}

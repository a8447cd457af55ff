using Hone.Numerics;

namespace Hone.Samplers.CmaEs;

/// <summary>
/// Mirrored orthogonal sampling with pairwise selection (Wang, Emmerich and Bäck, "Mirrored orthogonal sampling with
/// pairwise selection in evolution strategies", SAC 2014; mirrored sampling: Brockhoff, Auger, Hansen, Arnold and Hohm,
/// PPSN 2010; pairwise selection: Auger, Brockhoff and Hansen, GECCO 2011). The k-th trial of a generation draws its
/// standard normal vector from the generation's blocks of orthogonal directions: trials 2d and 2d + 1 share direction d,
/// with opposite signs (a mirrored pair), and directions d of one block of n are orthogonal, each with its own
/// chi(n)-distributed length, so that every vector still follows N(0, I) on its own. Only the better of a pair may enter
/// the recombination; otherwise both halves of a pair would cancel in the mean and bias σ downwards.
/// </summary>
/// <remarks>Everything a vector depends on (the seed, the generation's first trial number, the trial's number, the
/// attempt) is saved with the state or the trial, so that workers and a resumed study draw the same vectors.</remarks>
internal static class CmaEsMirroredOrthogonal
{
    // Keep the streams of directions and lengths apart from the trials' own streams (seed, trial number).
    private const long DirectionSalt = 0x4D4F_5344;
    private const long LengthSalt = 0x4D4F_534C;

    /// <summary>Draws the standard normal vector of the trial with position <paramref name="index"/> in its generation.</summary>
    /// <param name="seed">The sampler's seed.</param>
    /// <param name="firstTrial">The number of the generation's first trial.</param>
    /// <param name="index">The trial's position in the generation (its number minus <paramref name="firstTrial"/>), ≥ 0.</param>
    /// <param name="attempt">Which draw for this trial (samples outside the cube are drawn again).</param>
    /// <param name="z">Receives the vector; its length is the dimension n.</param>
    public static void Draw(long seed, long firstTrial, long index, int attempt, Span<double> z)
    {
        var n = z.Length;
        var direction = index / 2;
        var block = direction / n;
        var j = (int)(direction % n);

        // The first j + 1 Gaussian vectors of the block, orthonormalized in order (modified Gram–Schmidt): the same
        // prefix for every trial of the block, so directions 0..n−1 of a block are orthonormal.
        var blockRandom = new SplitMix64(StreamSeed(seed, DirectionSalt, attempt), firstTrial + (2 * n * block));
        Span<double> vectors = (j + 1) * n <= 1024 ? stackalloc double[(j + 1) * n] : new double[(j + 1) * n];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = blockRandom.NextGaussian();
        }

        for (var a = 0; a <= j; a++)
        {
            var va = vectors.Slice(a * n, n);
            for (var b = 0; b < a; b++)
            {
                var vb = vectors.Slice(b * n, n);
                var dot = Dot(va, vb);
                for (var i = 0; i < n; i++)
                {
                    va[i] -= dot * vb[i];
                }
            }

            var norm = Math.Sqrt(Dot(va, va));
            for (var i = 0; i < n; i++)
            {
                va[i] /= norm;
            }
        }

        // The length: the norm of an independent N(0, I) vector, shared by the pair so that its halves are exact mirrors.
        var lengthRandom = new SplitMix64(StreamSeed(seed, LengthSalt, attempt), firstTrial + (2 * direction));
        double length = 0;
        for (var i = 0; i < n; i++)
        {
            var g = lengthRandom.NextGaussian();
            length += g * g;
        }

        length = Math.Sqrt(length);
        var v = vectors.Slice(j * n, n);
        var second = index % 2 == 1;
        for (var i = 0; i < n; i++)
        {
            var value = length * v[i];
            z[i] = second ? -value : value;
        }
    }

    /// <summary>Marks the worse of each mirrored pair among a generation's members (pairwise selection).</summary>
    /// <param name="numbers">The members' trial numbers, ascending.</param>
    /// <param name="values">Their values, to be minimized.</param>
    /// <param name="firstTrial">The number of the generation's first trial.</param>
    /// <returns>For each member, whether it lost to its mirror; ties demote the second of the pair.</returns>
    public static bool[] PairLosers(IReadOnlyList<long> numbers, IReadOnlyList<double> values, long firstTrial)
    {
        var demoted = new bool[numbers.Count];
        for (var i = 0; i + 1 < numbers.Count; i++)
        {
            var k = numbers[i] - firstTrial;
            if (k >= 0 && k % 2 == 0 && numbers[i + 1] == numbers[i] + 1)
            {
                demoted[values[i + 1] >= values[i] ? i + 1 : i] = true;
            }
        }

        return demoted;
    }

    private static long StreamSeed(long seed, long salt, int attempt) =>
        unchecked((long)new SplitMix64(seed, salt + ((long)attempt << 32)).NextUInt64());

    // Not VectorMath.Dot: its SIMD sums depend on the machine's vector width, and workers on different machines must
    // draw bit-identical directions for a pair's halves to be exact mirrors.
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

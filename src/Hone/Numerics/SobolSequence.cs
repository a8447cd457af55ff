namespace Hone.Numerics;

/// <summary>
/// The Sobol low-discrepancy sequence in up to <see cref="MaxDimension"/> dimensions, plain or scrambled, with random
/// access to any point.
/// </summary>
/// <remarks>
/// <para>Direction numbers come from <see cref="SobolDirectionNumbers"/> (Joe and Kuo, 2008) through the recurrence of
/// Bratley and Fox (ACM TOMS 14, 1988); points follow the Gray-code order of Antonov and Saleev (1979), so that point
/// <c>i</c> is the XOR of the direction numbers picked by the bits of <c>i ^ (i &gt;&gt; 1)</c>. Any <c>2^m</c>
/// consecutive points from index 0 form the same set in either order: a (t, m, d)-net, with t = 0 in every single
/// dimension and in the first two together.</para>
/// <para>Scrambling is the linear matrix scrambling of Matoušek ("On the L2-discrepancy for anchored boxes",
/// J. Complexity 14, 1998) followed by a random digital shift: each dimension's generating matrix is multiplied by a
/// random lower-triangular binary matrix with a unit diagonal, then every point is XORed with a random digit vector.
/// Both keep the net property, and the points become uniformly distributed over the cube
/// (Owen, "Variance with alternative scramblings of digital nets", ACM TOMACS 13, 2003). The scrambling of dimension
/// <c>j</c> does not depend on how many dimensions follow it, so a sequence of more dimensions extends one of fewer.</para>
/// <para>Immutable and thread-safe once built.</para>
/// </remarks>
internal sealed class SobolSequence
{
    /// <summary>The most dimensions a sequence can have: those of the direction number table.</summary>
    public const int MaxDimension = SobolDirectionNumbers.MaxDimension;

    /// <summary>Bits of each coordinate; every one is exact in a double, and points are multiples of 2^-52.</summary>
    private const int Bits = 52;

    private const double Scale = 1.0 / (1L << Bits);

    /// <summary>Direction numbers by dimension, then by bit of the (Gray-coded) index, most significant digit first.</summary>
    private readonly ulong[][] _directions;

    /// <summary>The digital shift of each dimension (zero when not scrambled).</summary>
    private readonly ulong[] _shifts;

    /// <summary>Builds a sequence.</summary>
    /// <param name="dimension">The number of coordinates, 1 to <see cref="MaxDimension"/>.</param>
    /// <param name="scramble">Whether to scramble it.</param>
    /// <param name="seed">The scrambling seed; <see langword="null"/> for a different scrambling each time.</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public SobolSequence(int dimension, bool scramble = false, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, MaxDimension);
        Dimension = dimension;
        IsScrambled = scramble;
        _directions = new ulong[dimension][];
        _shifts = new ulong[dimension];
        var random = scramble ? (seed is { } s ? new Random(s) : new Random()) : null;
        for (var j = 0; j < dimension; j++)
        {
            _directions[j] = DirectionNumbers(j);
            if (random is not null)
            {
                // Drawn dimension by dimension from one stream: the first d dimensions scramble alike whatever follows.
                Scramble(_directions[j], random);
                _shifts[j] = (ulong)random.NextInt64(1L << Bits);
            }
        }
    }

    /// <summary>The number of coordinates of each point.</summary>
    public int Dimension { get; }

    /// <summary>Whether the sequence is scrambled.</summary>
    public bool IsScrambled { get; }

    /// <summary>Writes point <paramref name="index"/> of the sequence, each coordinate in [0, 1).</summary>
    /// <param name="index">The point's index, from 0 (the origin when not scrambled) to 2^52 - 1.</param>
    /// <param name="destination">Where to write the <see cref="Dimension"/> coordinates.</param>
    public void Point(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 1L << Bits);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Dimension, nameof(destination));
        var gray = (ulong)(index ^ (index >> 1));
        for (var j = 0; j < Dimension; j++)
        {
            var directions = _directions[j];
            var x = _shifts[j];
            for (var bits = gray; bits != 0; bits &= bits - 1)
            {
                x ^= directions[System.Numerics.BitOperations.TrailingZeroCount(bits)];
            }

            destination[j] = x * Scale;
        }
    }

    /// <summary>Returns point <paramref name="index"/> of the sequence.</summary>
    /// <param name="index">The point's index, from 0.</param>
    /// <returns>Its <see cref="Dimension"/> coordinates, each in [0, 1).</returns>
    public double[] Point(long index)
    {
        var point = new double[Dimension];
        Point(index, point);
        return point;
    }

    /// <summary>The direction numbers v_1 ... v_Bits of one dimension, as Bits-bit fractions.</summary>
    private static ulong[] DirectionNumbers(int dimension)
    {
        var v = new ulong[Bits];
        var degree = SobolDirectionNumbers.Degrees[dimension];
        if (degree == 0)
        {
            for (var k = 0; k < Bits; k++)
            {
                v[k] = 1UL << (Bits - 1 - k);
            }

            return v;
        }

        var initial = SobolDirectionNumbers.InitialNumbers[dimension];
        var a = SobolDirectionNumbers.Coefficients[dimension];
        for (var k = 0; k < degree; k++)
        {
            v[k] = (ulong)initial[k] << (Bits - 1 - k);
        }

        // v_k = c_1 v_(k-1) ^ ... ^ c_(s-1) v_(k-s+1) ^ v_(k-s) ^ (v_(k-s) >> s), from the polynomial's coefficients.
        for (var k = degree; k < Bits; k++)
        {
            var value = v[k - degree] ^ (v[k - degree] >> degree);
            for (var i = 1; i < degree; i++)
            {
                if (((a >> (degree - 1 - i)) & 1) != 0)
                {
                    value ^= v[k - i];
                }
            }

            v[k] = value;
        }

        return v;
    }

    /// <summary>Multiplies each direction number by a random lower-triangular binary matrix with a unit diagonal.</summary>
    private static void Scramble(ulong[] directions, Random random)
    {
        // Row r of the matrix gives output digit r (digit 0 = the 1/2 bit) as the parity of the input digits it selects:
        // itself and a random subset of the more significant ones.
        var rows = new ulong[Bits];
        for (var r = 0; r < Bits; r++)
        {
            var own = 1UL << (Bits - 1 - r);
            var higher = ~((own << 1) - 1) & ((1UL << Bits) - 1);
            rows[r] = own | ((ulong)random.NextInt64(long.MinValue, long.MaxValue) & higher);
        }

        for (var k = 0; k < directions.Length; k++)
        {
            var scrambled = 0UL;
            for (var r = 0; r < Bits; r++)
            {
                scrambled |= (ulong)(System.Numerics.BitOperations.PopCount(rows[r] & directions[k]) & 1) << (Bits - 1 - r);
            }

            directions[k] = scrambled;
        }
    }
}

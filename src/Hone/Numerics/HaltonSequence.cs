namespace Hone.Numerics;

/// <summary>
/// The Halton low-discrepancy sequence, plain or scrambled by random digit permutations, with random access to any point.
/// </summary>
/// <remarks>
/// <para>Coordinate <c>j</c> of point <c>i</c> is the radical inverse of <c>i</c> in the <c>j</c>-th prime base: its
/// base-b digits mirrored about the radix point. The first coordinate is the van der Corput sequence.</para>
/// <para>Scrambling applies, in each dimension, an independent random permutation of the digits 0 to b-1 to each
/// digit position, the zero digits after the index's last one included, as in Owen's randomized Halton
/// ("A randomized Halton algorithm in R", arXiv:1706.02808, 2017). Each coordinate then stays stratified (any b^m
/// consecutive points from index 0 hit each interval [k/b^m, (k+1)/b^m) once) and becomes uniform over [0, 1).
/// The scrambling of dimension <c>j</c> does not depend on how many dimensions follow it.</para>
/// <para>Immutable and thread-safe once built.</para>
/// </remarks>
internal sealed class HaltonSequence
{
    /// <summary>The largest digit count whose place values stay exact in a double: b^K &lt;= 2^53.</summary>
    private const long ExactLimit = 1L << 53;

    private readonly int[] _bases;

    /// <summary>The digits kept per dimension: as many as make b^K &lt;= 2^53.</summary>
    private readonly int[] _digits;

    /// <summary>b^K per dimension, the denominator of every coordinate.</summary>
    private readonly double[] _denominators;

    /// <summary>Per dimension, the digit permutations, position by position (K blocks of b entries); null when not scrambled.</summary>
    private readonly int[][]? _permutations;

    /// <summary>Per dimension and digit position k, b^(K-k): the shift of the digits before k past the positions left.</summary>
    private readonly long[][] _shifts;

    /// <summary>Per dimension and digit position k, what positions k to K-1 add when all their digits are 0 (their
    /// permuted zeros), so that the digits past an index's last one cost nothing.</summary>
    private readonly long[][] _tails;

    /// <summary>Builds a sequence.</summary>
    /// <param name="dimension">The number of coordinates, at least 1.</param>
    /// <param name="scramble">Whether to scramble it.</param>
    /// <param name="seed">The scrambling seed; <see langword="null"/> for a different scrambling each time.</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is below 1.</exception>
    public HaltonSequence(int dimension, bool scramble = false, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        IsScrambled = scramble;
        _bases = Primes(dimension);
        _digits = new int[dimension];
        _denominators = new double[dimension];
        MaxIndex = long.MaxValue;
        for (var j = 0; j < dimension; j++)
        {
            long power = 1;
            var digits = 0;
            while (power <= ExactLimit / _bases[j])
            {
                power *= _bases[j];
                digits++;
            }

            _digits[j] = digits;
            _denominators[j] = power;
            MaxIndex = Math.Min(MaxIndex, power);
        }

        if (scramble)
        {
            var random = seed is { } s ? new Random(s) : new Random();
            _permutations = new int[dimension][];
            for (var j = 0; j < dimension; j++)
            {
                var b = _bases[j];
                var table = new int[_digits[j] * b];
                for (var k = 0; k < _digits[j]; k++)
                {
                    var block = table.AsSpan(k * b, b);
                    for (var d = 0; d < b; d++)
                    {
                        block[d] = d;
                    }

                    random.Shuffle(block);
                }

                _permutations[j] = table;
            }
        }

        _shifts = new long[dimension][];
        _tails = new long[dimension][];
        for (var j = 0; j < dimension; j++)
        {
            var (b, digits) = (_bases[j], _digits[j]);
            _shifts[j] = new long[digits + 1];
            _tails[j] = new long[digits + 1];
            _shifts[j][digits] = 1;
            for (var k = digits - 1; k >= 0; k--)
            {
                var zero = _permutations is null ? 0 : _permutations[j][k * b];
                _tails[j][k] = (zero * _shifts[j][k + 1]) + _tails[j][k + 1];
                _shifts[j][k] = _shifts[j][k + 1] * b;
            }
        }
    }

    /// <summary>The number of coordinates of each point.</summary>
    public int Dimension { get; }

    /// <summary>Whether the sequence is scrambled.</summary>
    public bool IsScrambled { get; }

    /// <summary>One more than the largest index whose every digit is kept (about 2^53 / b for the largest base b).</summary>
    public long MaxIndex { get; }

    /// <summary>The base of each dimension: the primes in order.</summary>
    public IReadOnlyList<int> Bases => _bases;

    /// <summary>Writes point <paramref name="index"/> of the sequence, each coordinate in [0, 1).</summary>
    /// <param name="index">The point's index, from 0 (the origin when not scrambled) to <see cref="MaxIndex"/> - 1.</param>
    /// <param name="destination">Where to write the <see cref="Dimension"/> coordinates.</param>
    public void Point(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Dimension, nameof(destination));
        for (var j = 0; j < Dimension; j++)
        {
            var b = _bases[j];
            var n = index;

            // The mirrored digits form an integer below b^K, exact in a double, so one division gives a value below 1.
            long numerator = 0;
            var permutations = _permutations?[j];
            var k = 0;
            for (; n != 0; k++)
            {
                var digit = (int)(n % b);
                numerator = (numerator * b) + (permutations is null ? digit : permutations[(k * b) + digit]);
                n /= b;
            }

            numerator = (numerator * _shifts[j][k]) + _tails[j][k];
            destination[j] = numerator / _denominators[j];
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

    /// <summary>The first <paramref name="count"/> primes.</summary>
    private static int[] Primes(int count)
    {
        var primes = new int[count];
        var found = 0;
        for (var candidate = 2; found < count; candidate++)
        {
            var isPrime = true;
            for (var i = 0; i < found && primes[i] * primes[i] <= candidate; i++)
            {
                if (candidate % primes[i] == 0)
                {
                    isPrime = false;
                    break;
                }
            }

            if (isPrime)
            {
                primes[found++] = candidate;
            }
        }

        return primes;
    }
}

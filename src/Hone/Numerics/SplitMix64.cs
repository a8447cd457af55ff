namespace Hone.Numerics;

/// <summary>
/// A small, fast pseudorandom generator for streams derived from a seed and a counter, such as one stream per trial:
/// starting one is a single assignment, where a seeded <see cref="Random"/> fills a 56-word table first.
/// </summary>
/// <remarks>SplitMix64: Steele, Lea and Flood, "Fast splittable pseudorandom number generators" (OOPSLA 2014).</remarks>
internal struct SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Starts the stream of a counter within a seed's family of streams.</summary>
    /// <param name="seed">The base seed.</param>
    /// <param name="stream">The counter, such as a trial number.</param>
    public SplitMix64(long seed, long stream)
    {
        _state = unchecked((ulong)seed);
        _state = unchecked(Mix(_state + (Golden * ((ulong)stream + 1))));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Golden);
        return Mix(_state);
    }

    /// <summary>A uniform draw from [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box–Muller, one of the pair).</summary>
    public double NextGaussian()
    {
        var u = 1 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

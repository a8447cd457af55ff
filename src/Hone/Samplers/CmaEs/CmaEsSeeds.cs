namespace Hone.Samplers.CmaEs;

/// <summary>Derives independent seeds from a base seed and a counter, identically in every process.</summary>
internal static class CmaEsSeeds
{
    /// <summary>A 32-bit seed for <see cref="Random"/> from a base seed and a counter (SplitMix64 finalizer).</summary>
    public static int Mix(long seed, long counter)
    {
        var z = unchecked((ulong)seed + (0x9E3779B97F4A7C15UL * ((ulong)counter + 1)));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}

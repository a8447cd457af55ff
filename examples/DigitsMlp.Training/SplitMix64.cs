namespace DigitsMlp.Training;

/// <summary>
/// A small, fast, seedable random source (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014), owned by one trainer so that a trial's training depends on its seed alone.
/// </summary>
internal sealed class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;
    private double? _spareGaussian;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A seed derived from two numbers (a run's seed and a trial number, say), well spread even for neighbours.</summary>
    public static ulong Mix(ulong a, ulong b) => Finalize(Finalize(a + Gamma) ^ (b * Gamma));

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Finalize(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, <paramref name="count"/>), by Lemire's multiply-shift (bias below 2^-32 for small counts).</summary>
    public int NextInt(int count) => (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);

    /// <summary>A standard normal draw (Box–Muller; the second draw of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }

        var radius = Math.Sqrt(-2 * Math.Log(1 - NextDouble()));
        var angle = 2 * Math.PI * NextDouble();
        _spareGaussian = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>Shuffles in place (Fisher–Yates).</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>An independent copy that continues the same sequence.</summary>
    public SplitMix64 Clone() => new(_state) { _spareGaussian = _spareGaussian };

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

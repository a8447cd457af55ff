using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Hone.Samplers.CmaEs;

/// <summary>Writes a <see cref="CmaEsState"/> as the text kept in the study's system attributes, and reads it back.</summary>
/// <remarks>
/// <para>The state is written once per generation, so its text is built with as little work as possible: the
/// little-endian bytes of every field in a fixed order (layout <see cref="Version"/>), as one base64 string. That is
/// exact (a state read back is bit-for-bit the state written) and about a third of the size of the earlier JSON text,
/// and writing it allocates little more than the string itself. A full covariance is stored as its upper triangle,
/// row by row, followed (since layout 3) at the end by the decomposition D, B that samples are drawn with: computed
/// afresh from C, it could differ in its last bits, and a resumed study or another worker would then draw other
/// samples than an uninterrupted run.</para>
/// <para>Layout 4 adds, after the seed, the number of the generation's first trial, which mirrored orthogonal
/// sampling pairs and groups the generation's trials by. Layout 3 lacks it: the generation being sampled when such a
/// state is read draws independent samples, and the next one is numbered again.</para>
/// <para>Layout 2 lacks the decomposition too; a state read from it decomposes its C when first used.</para>
/// <para>Studies saved by earlier versions hold a JSON object (layout 1: scalars and the mean as JSON numbers, the
/// arrays as base64 text of their bytes); <see cref="Read"/> still reads it, so such a study resumes.</para>
/// </remarks>
internal static class CmaEsStateJson
{
    /// <summary>The layout version written; layout 1 (JSON) is read too.</summary>
    public const int Version = 4;

    private const int JsonVersion = 1;
    private const int NoDecompositionVersion = 2;
    private const int NoFirstTrialVersion = 3;
    private const byte SeparableFlag = 1;
    private const byte MarginFlag = 2;
    private const byte SmallRegimeFlag = 4;
    private const byte LearningRatesFlag = 8;

    /// <summary>The text of a state.</summary>
    public static string Write(CmaEsState state)
    {
        var n = state.Dimension;
        double[] scales = [], axes = [];
        if (!state.Separable)
        {
            (scales, axes) = state.Decomposition();
        }

        var covariance = state.Separable ? n : n * (n + 1) / 2;
        var rates = state.LearningRates;
        var doubles = (3 * n) + covariance + (state.MarginScale is null ? 0 : n) + (rates is null ? 0 : n + (n * n) + 4)
            + state.BestHistory.Count + state.MedianHistory.Count + 2 + scales.Length + axes.Length;
        var reason = state.LastStopReason is { } text ? Encoding.UTF8.GetByteCount(text) : -1;
        var length = (10 * sizeof(int)) + 1 + (6 * sizeof(long)) + (doubles * sizeof(double)) + Math.Max(0, reason);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var w = new Writer(rented.AsSpan(0, length));
            w.Int(Version);
            w.Int(n);
            w.Byte((byte)((state.Separable ? SeparableFlag : 0) | (state.MarginScale is null ? 0 : MarginFlag) | (state.SmallRegime ? SmallRegimeFlag : 0) | (rates is null ? 0 : LearningRatesFlag)));
            w.Int(state.PopulationSize);
            w.Int(state.BasePopulationSize);
            w.Int(state.RunGeneration);
            w.Int(state.Restarts);
            w.Int(state.LargeRestarts);
            w.Long(state.Generation);
            w.Long(state.LargeEvaluations);
            w.Long(state.SmallEvaluations);
            w.Long(state.LastLargeRunEvaluations);
            w.Long(state.Seed);
            w.Long(state.FirstTrial);
            w.Double(state.InitialSigma);
            w.Double(state.Sigma);
            w.Doubles(state.Mean);
            w.Doubles(state.PathSigma);
            w.Doubles(state.PathC);
            if (state.Separable)
            {
                w.Doubles(state.Covariance);
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    w.Doubles(state.Covariance.AsSpan((i * n) + i, n - i));
                }
            }

            if (state.MarginScale is { } scale)
            {
                w.Doubles(scale);
            }

            if (rates is not null)
            {
                w.Double(rates.MeanRate);
                w.Double(rates.CovarianceRate);
                w.Double(rates.MeanSquare);
                w.Double(rates.CovarianceSquare);
                w.Doubles(rates.MeanAverage);
                w.Doubles(rates.CovarianceAverage);
            }

            w.Int(state.BestHistory.Count);
            w.Doubles(CollectionsMarshal.AsSpan(state.BestHistory));
            w.Int(state.MedianHistory.Count);
            w.Doubles(CollectionsMarshal.AsSpan(state.MedianHistory));
            w.Int(reason);
            if (state.LastStopReason is { } stop)
            {
                w.Utf8(stop);
            }

            if (!state.Separable)
            {
                w.Doubles(scales);
                w.Doubles(axes);
            }

            return Convert.ToBase64String(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads a state written by <see cref="Write"/>, or by an earlier version as JSON.</summary>
    /// <exception cref="InvalidOperationException">The text is not a state of a known layout.</exception>
    public static CmaEsState Read(string text)
    {
        try
        {
            return text.StartsWith('{') ? ReadJson(text) : ReadBinary(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The saved CMA-ES state cannot be read ({e.Message}); it was altered, or written by another version of Hone.", e);
        }
    }

    /// <summary>Base64 text of the little-endian IEEE 754 bytes of some doubles: exact, compact and fast.</summary>
    public static string Pack(ReadOnlySpan<double> values) => Convert.ToBase64String(ToBytes(values));

    /// <summary>The doubles packed by <see cref="Pack"/>.</summary>
    /// <exception cref="FormatException">The text is not such a packing.</exception>
    public static double[] Unpack(string text) => FromBytes(Convert.FromBase64String(text));

    /// <summary>Reads the bytes of the current layout.</summary>
    private static CmaEsState ReadBinary(byte[] bytes)
    {
        var r = new Reader(bytes);
        if (r.Int() is var version && version != Version && version != NoFirstTrialVersion && version != NoDecompositionVersion)
        {
            throw new FormatException($"it has layout version {version}, but this Hone reads versions {JsonVersion} to {Version}");
        }

        var n = r.Int();
        if (n < 1 || n > 1 << 15)
        {
            throw new FormatException($"its dimension {n} is out of range");
        }

        var flags = r.Byte();
        var separable = (flags & SeparableFlag) != 0;
        var populationSize = r.Int();
        var basePopulationSize = r.Int();
        var runGeneration = r.Int();
        var restarts = r.Int();
        var largeRestarts = r.Int();
        var generation = r.Long();
        var largeEvaluations = r.Long();
        var smallEvaluations = r.Long();
        var lastLargeRunEvaluations = r.Long();
        var seed = r.Long();
        var firstTrial = version >= Version ? r.Long() : -1;
        var initialSigma = r.Double();
        var sigma = r.Double();
        var mean = r.Doubles(n);
        var pathSigma = r.Doubles(n);
        var pathC = r.Doubles(n);
        double[] covariance;
        if (separable)
        {
            covariance = r.Doubles(n);
        }
        else
        {
            covariance = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    covariance[(i * n) + j] = covariance[(j * n) + i] = r.Double();
                }
            }
        }

        var margin = (flags & MarginFlag) != 0 ? r.Doubles(n) : null;
        CmaEsLearningRates? rates = null;
        if ((flags & LearningRatesFlag) != 0)
        {
            rates = new CmaEsLearningRates(n) { MeanRate = r.Double(), CovarianceRate = r.Double(), MeanSquare = r.Double(), CovarianceSquare = r.Double() };
            r.Doubles(n).CopyTo(rates.MeanAverage, 0);
            r.Doubles(n * n).CopyTo(rates.CovarianceAverage, 0);
        }

        var best = r.Doubles(r.Int());
        var median = r.Doubles(r.Int());
        var reasonLength = r.Int();
        var reason = reasonLength >= 0 ? r.Utf8(reasonLength) : null;
        var decomposed = !separable && version >= NoFirstTrialVersion
            ? (Scales: r.Doubles(n), Axes: r.Doubles(n * n))
            : ((double[] Scales, double[] Axes)?)null;
        if (!r.AtEnd)
        {
            throw new FormatException("it has bytes after its last field");
        }

        var state = new CmaEsState(n, separable, populationSize, mean, sigma, covariance)
        {
            BasePopulationSize = basePopulationSize,
            Generation = generation,
            RunGeneration = runGeneration,
            Restarts = restarts,
            InitialSigma = initialSigma,
            MarginScale = margin,
            LearningRates = rates,
            SmallRegime = (flags & SmallRegimeFlag) != 0,
            LargeRestarts = largeRestarts,
            LargeEvaluations = largeEvaluations,
            SmallEvaluations = smallEvaluations,
            LastLargeRunEvaluations = lastLargeRunEvaluations,
            Seed = seed,
            FirstTrial = firstTrial,
            LastStopReason = reason,
        };
        pathSigma.CopyTo(state.PathSigma, 0);
        pathC.CopyTo(state.PathC, 0);
        state.BestHistory.AddRange(best);
        state.MedianHistory.AddRange(median);
        if (decomposed is { } d)
        {
            state.RestoreDecomposition(d.Scales, d.Axes);
        }

        return state;
    }

    /// <summary>Reads layout 1, the JSON object earlier versions wrote.</summary>
    private static CmaEsState ReadJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("version").GetInt32() is var version && version != JsonVersion)
        {
            throw new FormatException($"it has layout version {version}, but this Hone reads versions {JsonVersion} to {Version}");
        }

        var n = root.GetProperty("dimension").GetInt32();
        var separable = root.GetProperty("separable").GetBoolean();
        var packed = ReadPacked(root.GetProperty("covariance"));
        double[] covariance;
        if (separable)
        {
            covariance = packed;
        }
        else
        {
            covariance = new double[n * n];
            var next = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    covariance[(i * n) + j] = packed[next];
                    covariance[(j * n) + i] = packed[next];
                    next++;
                }
            }
        }

        var state = new CmaEsState(
            n,
            separable,
            root.GetProperty("populationSize").GetInt32(),
            ReadArray(root.GetProperty("mean")),
            root.GetProperty("sigma").GetDouble(),
            covariance)
        {
            BasePopulationSize = root.GetProperty("basePopulationSize").GetInt32(),
            Generation = root.GetProperty("generation").GetInt64(),
            RunGeneration = root.GetProperty("runGeneration").GetInt32(),
            Restarts = root.GetProperty("restarts").GetInt32(),
            InitialSigma = root.GetProperty("initialSigma").GetDouble(),
            MarginScale = root.TryGetProperty("marginScale", out var scale) ? ReadPacked(scale) : null,
            SmallRegime = root.GetProperty("smallRegime").GetBoolean(),
            LargeRestarts = root.GetProperty("largeRestarts").GetInt32(),
            LargeEvaluations = root.GetProperty("largeEvaluations").GetInt64(),
            SmallEvaluations = root.GetProperty("smallEvaluations").GetInt64(),
            LastLargeRunEvaluations = root.GetProperty("lastLargeRunEvaluations").GetInt64(),
            Seed = root.GetProperty("seed").GetInt64(),
            LastStopReason = root.TryGetProperty("lastStopReason", out var reason) ? reason.GetString() : null,
        };
        ReadPacked(root.GetProperty("pathSigma")).CopyTo(state.PathSigma, 0);
        ReadPacked(root.GetProperty("pathC")).CopyTo(state.PathC, 0);
        state.BestHistory.AddRange(ReadPacked(root.GetProperty("bestHistory")));
        state.MedianHistory.AddRange(ReadPacked(root.GetProperty("medianHistory")));
        return state;
    }

    private static double[] ReadPacked(JsonElement text) => FromBytes(text.GetBytesFromBase64());

    private static byte[] ToBytes(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    private static double[] FromBytes(byte[] bytes)
    {
        if (bytes.Length % sizeof(double) != 0)
        {
            throw new FormatException($"a packed array has {bytes.Length} bytes, not a multiple of {sizeof(double)}");
        }

        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        }

        return values;
    }

    private static double[] ReadArray(JsonElement array)
    {
        var result = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i++] = item.GetDouble();
        }

        return result;
    }

    /// <summary>Writes fields one after another into a span sized for them.</summary>
    private ref struct Writer(Span<byte> bytes)
    {
        private readonly Span<byte> _bytes = bytes;
        private int _at;

        public void Byte(byte value) => _bytes[_at++] = value;

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_bytes[_at..], value);
            _at += sizeof(int);
        }

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_bytes[_at..], value);
            _at += sizeof(long);
        }

        public void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_bytes[_at..], value);
            _at += sizeof(double);
        }

        public void Doubles(ReadOnlySpan<double> values)
        {
            if (BitConverter.IsLittleEndian)
            {
                // The layout is little-endian: on such a machine the doubles' memory is the layout, copied at once.
                MemoryMarshal.AsBytes(values).CopyTo(_bytes[_at..]);
                _at += values.Length * sizeof(double);
                return;
            }

            foreach (var value in values)
            {
                Double(value);
            }
        }

        public void Utf8(string text) => _at += Encoding.UTF8.GetBytes(text, _bytes[_at..]);
    }

    /// <summary>Reads fields in the order <see cref="Writer"/> wrote them; reading past the end throws.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly bool AtEnd => _at == _bytes.Length;

        public byte Byte() => Take(1)[0];

        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

        public double[] Doubles(int count)
        {
            if (count < 0 || count > (_bytes.Length - _at) / sizeof(double))
            {
                throw new FormatException($"it declares {count} values where fewer bytes are left");
            }

            var values = new double[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = Double();
            }

            return values;
        }

        public string Utf8(int length) => Encoding.UTF8.GetString(Take(length));

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _bytes.Length - _at)
            {
                throw new FormatException("it ends before its last field");
            }

            var span = _bytes.Slice(_at, length);
            _at += length;
            return span;
        }
    }
}

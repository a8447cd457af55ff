using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Hone.Samplers.CmaEs;

/// <summary>Writes a <see cref="CmaEsState"/> as the JSON text kept in the study's system attributes, and reads it back.</summary>
/// <remarks>
/// The scalars and the mean are JSON numbers, readable as they are. The bulky arrays (covariance, evolution paths,
/// histories, margin scales) are base64 text of their little-endian IEEE 754 bytes: as exact as shortest round-trip
/// numbers and some fifty times faster to write, which matters since a state is written once per generation. A full
/// covariance is stored as its upper triangle, row by row. A state read back is bit-for-bit the state written.
/// </remarks>
internal static class CmaEsStateJson
{
    /// <summary>The layout version; a state written with another one is not read.</summary>
    public const int Version = 1;

    /// <summary>The JSON text of a state.</summary>
    public static string Write(CmaEsState state)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteNumber("dimension", state.Dimension);
            w.WriteBoolean("separable", state.Separable);
            w.WriteNumber("generation", state.Generation);
            w.WriteNumber("runGeneration", state.RunGeneration);
            w.WriteNumber("restarts", state.Restarts);
            w.WriteNumber("populationSize", state.PopulationSize);
            w.WriteNumber("basePopulationSize", state.BasePopulationSize);
            w.WriteNumber("initialSigma", state.InitialSigma);
            w.WriteNumber("sigma", state.Sigma);
            WriteArray(w, "mean", state.Mean);
            WritePacked(w, "pathSigma", state.PathSigma);
            WritePacked(w, "pathC", state.PathC);
            if (state.Separable)
            {
                WritePacked(w, "covariance", state.Covariance);
            }
            else
            {
                var n = state.Dimension;
                var triangle = new double[n * (n + 1) / 2];
                var next = 0;
                for (var i = 0; i < n; i++)
                {
                    for (var j = i; j < n; j++)
                    {
                        triangle[next++] = state.Covariance[(i * n) + j];
                    }
                }

                WritePacked(w, "covariance", triangle);
            }

            if (state.MarginScale is { } scale)
            {
                WritePacked(w, "marginScale", scale);
            }

            WritePacked(w, "bestHistory", CollectionsMarshal.AsSpan(state.BestHistory));
            WritePacked(w, "medianHistory", CollectionsMarshal.AsSpan(state.MedianHistory));
            w.WriteBoolean("smallRegime", state.SmallRegime);
            w.WriteNumber("largeRestarts", state.LargeRestarts);
            w.WriteNumber("largeEvaluations", state.LargeEvaluations);
            w.WriteNumber("smallEvaluations", state.SmallEvaluations);
            w.WriteNumber("lastLargeRunEvaluations", state.LastLargeRunEvaluations);
            w.WriteNumber("seed", state.Seed);
            if (state.LastStopReason is { } reason)
            {
                w.WriteString("lastStopReason", reason);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidOperationException">The text is not a state of this layout.</exception>
    public static CmaEsState Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() is var version && version != Version)
            {
                throw new FormatException($"it has layout version {version}, but this Hone reads version {Version}");
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

    private static void WritePacked(Utf8JsonWriter w, string name, ReadOnlySpan<double> values) => w.WriteBase64String(name, ToBytes(values));

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

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
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
}

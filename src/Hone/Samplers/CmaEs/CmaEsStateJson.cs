using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Hone.Samplers.CmaEs;

/// <summary>Writes a <see cref="CmaEsState"/> as the JSON text kept in the study's system attributes, and reads it back.</summary>
/// <remarks>
/// Numbers are written in their shortest round-trip form, so a state read back is bit-for-bit the state written. A full
/// covariance is stored as its upper triangle, row by row.
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
            WriteArray(w, "pathSigma", state.PathSigma);
            WriteArray(w, "pathC", state.PathC);
            w.WriteStartArray("covariance");
            if (state.Separable)
            {
                foreach (var v in state.Covariance)
                {
                    w.WriteNumberValue(v);
                }
            }
            else
            {
                var n = state.Dimension;
                for (var i = 0; i < n; i++)
                {
                    for (var j = i; j < n; j++)
                    {
                        w.WriteNumberValue(state.Covariance[(i * n) + j]);
                    }
                }
            }

            w.WriteEndArray();
            if (state.MarginScale is { } scale)
            {
                WriteArray(w, "marginScale", scale);
            }

            WriteArray(w, "bestHistory", state.BestHistory);
            WriteArray(w, "medianHistory", state.MedianHistory);
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
            if (root.GetProperty("version").GetInt32() != Version)
            {
                throw new InvalidOperationException($"The saved CMA-ES state has layout version {root.GetProperty("version").GetInt32()}; this Hone reads version {Version}.");
            }

            var n = root.GetProperty("dimension").GetInt32();
            var separable = root.GetProperty("separable").GetBoolean();
            var packed = ReadArray(root.GetProperty("covariance"));
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
                MarginScale = root.TryGetProperty("marginScale", out var scale) ? ReadArray(scale) : null,
                SmallRegime = root.GetProperty("smallRegime").GetBoolean(),
                LargeRestarts = root.GetProperty("largeRestarts").GetInt32(),
                LargeEvaluations = root.GetProperty("largeEvaluations").GetInt64(),
                SmallEvaluations = root.GetProperty("smallEvaluations").GetInt64(),
                LastLargeRunEvaluations = root.GetProperty("lastLargeRunEvaluations").GetInt64(),
                Seed = root.GetProperty("seed").GetInt64(),
                LastStopReason = root.TryGetProperty("lastStopReason", out var reason) ? reason.GetString() : null,
            };
            ReadArray(root.GetProperty("pathSigma")).CopyTo(state.PathSigma, 0);
            ReadArray(root.GetProperty("pathC")).CopyTo(state.PathC, 0);
            state.BestHistory.AddRange(ReadArray(root.GetProperty("bestHistory")));
            state.MedianHistory.AddRange(ReadArray(root.GetProperty("medianHistory")));
            return state;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException($"The saved CMA-ES state cannot be read ({e.Message}); it was altered or written by another version of Hone.", e);
        }
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

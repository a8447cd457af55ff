using System.Text.Json;

namespace Hone.Bench;

/// <summary>Prints results as one JSON object per line, with snake_case names, for the driver script to collect.</summary>
internal static class JsonLine
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Format(object value) => JsonSerializer.Serialize(value, Options);

    public static void Write(object value)
    {
        Console.Out.WriteLine(Format(value));
        Console.Out.Flush();
    }

    /// <summary>Seconds since the Unix epoch: a clock that several processes on one machine share.</summary>
    public static double UnixSeconds() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
}

using System.Globalization;

namespace Hone.Cli.Running;

/// <summary>
/// Parses the lines by which a trial talks to Hone (docs/trial-protocol.md): each starts with <c>hone:</c>, then a verb
/// (<c>report</c>, <c>result</c> or <c>attr</c>), then words separated by spaces, each a number or <c>name=value</c>.
/// </summary>
internal static class TrialProtocol
{
    /// <summary>What every protocol line starts with.</summary>
    public const string Prefix = "hone:";

    /// <summary>Whether a line is meant for Hone.</summary>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when it starts with <see cref="Prefix"/>.</returns>
    public static bool IsProtocolLine(string line) => line.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether a line, as bytes, is meant for Hone.</summary>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when it starts with <see cref="Prefix"/>.</returns>
    public static bool IsProtocolLine(ReadOnlySpan<byte> line) => line.StartsWith("hone:"u8);

    /// <summary>Parses a protocol line.</summary>
    /// <param name="line">A line that starts with <see cref="Prefix"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="FormatException">The line breaks the protocol; the message says how.</exception>
    public static ProtocolMessage Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = line[Prefix.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw new FormatException("'hone:' must be followed by report, result or attr.");
        }

        var kind = words[0] switch
        {
            "report" => ProtocolKind.Report,
            "result" => ProtocolKind.Result,
            "attr" => ProtocolKind.Attr,
            var other => throw new FormatException($"unknown verb '{other}' after 'hone:'.{Running.NearestName.Hint(other, ["report", "result", "attr"])} Use report, result or attr."),
        };
        var numbers = new List<double>();
        var named = new List<KeyValuePair<string, string>>();
        foreach (var word in words.Skip(1))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                named.Add(KeyValuePair.Create(word[..equals], word[(equals + 1)..]));
            }
            else if (kind != ProtocolKind.Attr && TryNumber(word, out var number))
            {
                numbers.Add(number);
            }
            else
            {
                throw new FormatException(kind == ProtocolKind.Attr
                    ? $"'{word}' is not NAME=VALUE; attr takes words such as 'hone: attr epochs=12 model=resnet'."
                    : $"'{word}' is neither a number nor NAME=VALUE.");
            }
        }

        var message = new ProtocolMessage(kind, numbers, named);
        return kind switch
        {
            ProtocolKind.Report => CheckReport(message),
            ProtocolKind.Result when numbers.Count == 0 && named.Count == 0 => throw new FormatException("result needs a value, such as 'hone: result 0.93' or 'hone: result accuracy=0.93'."),
            ProtocolKind.Result when numbers.Count > 0 && named.Count > 0 => throw new FormatException("result takes either plain values (by position) or NAME=VALUE pairs, not both."),
            ProtocolKind.Result => CheckNamedNumbers(message),
            _ => named.Count > 0 ? message : throw new FormatException("attr needs NAME=VALUE pairs, such as 'hone: attr epochs=12'."),
        };
    }

    /// <summary>The value and step of a report: <c>value=</c> or the single plain number; <c>step=</c> if given.</summary>
    /// <param name="message">A report.</param>
    /// <returns>The value and the step, or <see langword="null"/> for "the next step".</returns>
    public static (double Value, int? Step) ReadReport(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = message.Numbers.Count == 1 ? message.Numbers[0] : Number(message.Named.First(n => n.Key == "value").Value);
        var step = message.Named.FirstOrDefault(n => n.Key == "step").Value;
        return (value, step is null ? null : int.Parse(step, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>Reads a number as programs print them: invariant culture, with <c>nan</c>, <c>inf</c> and <c>-inf</c> in any case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether the text is a number.</returns>
    public static bool TryNumber(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.ToUpperInvariant())
        {
            case "NAN" or "+NAN" or "-NAN":
                value = double.NaN;
                return true;
            case "INF" or "+INF" or "INFINITY" or "+INFINITY":
                value = double.PositiveInfinity;
                return true;
            case "-INF" or "-INFINITY":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static double Number(string text) => TryNumber(text, out var value) ? value : throw new FormatException($"'{text}' is not a number.");

    private static ProtocolMessage CheckReport(ProtocolMessage message)
    {
        var unknown = message.Named.FirstOrDefault(n => n.Key is not ("value" or "step"));
        if (unknown.Key is not null)
        {
            throw new FormatException($"report takes value= and step=, but got '{unknown.Key}='.{Running.NearestName.Hint(unknown.Key, ["value", "step"])}");
        }

        var hasValue = message.Named.Any(n => n.Key == "value");
        if (message.Numbers.Count + (hasValue ? 1 : 0) != 1)
        {
            throw new FormatException("report needs exactly one value, such as 'hone: report 0.91 step=3' or 'hone: report step=3 value=0.91'.");
        }

        if (hasValue)
        {
            _ = Number(message.Named.First(n => n.Key == "value").Value);
        }

        var step = message.Named.FirstOrDefault(n => n.Key == "step").Value;
        if (step is not null && (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"step must be a whole number of at least 0, but got '{step}'.");
        }

        return message;
    }

    private static ProtocolMessage CheckNamedNumbers(ProtocolMessage message)
    {
        foreach (var (name, text) in message.Named)
        {
            if (!TryNumber(text, out _))
            {
                throw new FormatException($"the value of {name} must be a number, but got '{text}'.");
            }
        }

        return message;
    }
}

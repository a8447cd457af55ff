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

    /// <summary>The values and step of a report: one value per objective, by position or by objective name
    /// (<c>value=</c> for the one value of a single objective); <c>step=</c> if given.</summary>
    /// <param name="message">A report.</param>
    /// <param name="objectives">The study's objectives.</param>
    /// <returns>The values, in the order of the objectives, and the step, or <see langword="null"/> for "the next step".</returns>
    /// <exception cref="FormatException">The values do not match the objectives; the message says how.</exception>
    public static (double[] Values, int? Step) ReadReport(ProtocolMessage message, IReadOnlyList<Objective> objectives)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(objectives);
        var stepText = message.Named.FirstOrDefault(n => n.Key == "step").Value;
        int? step = stepText is null ? null : int.Parse(stepText, NumberStyles.None, CultureInfo.InvariantCulture);
        var named = message.Named.Where(n => n.Key != "step").ToDictionary(n => n.Key, n => Number(n.Value));
        double[] values;
        if (message.Numbers.Count > 0)
        {
            values = message.Numbers.Count == objectives.Count
                ? [.. message.Numbers]
                : throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"report gives {message.Numbers.Count} value(s), but the study has {objectives.Count} objective(s). Print one value per objective, such as '{ReportExample(objectives)}'."));
        }
        else if (named.Remove("value", out var value))
        {
            values = objectives.Count == 1
                ? [value]
                : throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"value= is the one value of a single objective, but the study has {objectives.Count} objectives. Print one value per objective, such as '{ReportExample(objectives)}'."));
        }
        else
        {
            // Names that are no objective are other metrics of the step: there is nowhere to keep them.
            values = ByObjective(named, objectives, "report", " step=3");
        }

        return (values, step);
    }

    /// <summary>Orders values given by name as the objectives, taking them out of <paramref name="named"/>; a single
    /// unnamed objective takes <c>value=</c>, else the one value, whatever its name.</summary>
    /// <param name="named">The values by name; those left are no objective's.</param>
    /// <param name="objectives">The study's objectives.</param>
    /// <param name="verb">The protocol verb, for messages.</param>
    /// <param name="suffix">What follows the values in an example line.</param>
    /// <returns>One value per objective.</returns>
    /// <exception cref="FormatException">An objective has no value, or the objectives have no names.</exception>
    public static double[] ByObjective(Dictionary<string, double> named, IReadOnlyList<Objective> objectives, string verb, string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(objectives);
        if (objectives is [{ Name: null }] && named.Remove("value", out var value))
        {
            return [value];
        }

        if (objectives is [{ Name: null }] && named.Count == 1)
        {
            var only = named.Single();
            named.Clear();
            return [only.Value];
        }

        var values = new double[objectives.Count];
        for (var i = 0; i < objectives.Count; i++)
        {
            var name = objectives[i].Name;
            if (name is null || !named.Remove(name, out values[i]))
            {
                var names = objectives.Select(o => o.Name).OfType<string>().ToList();
                throw new FormatException(name is null
                    ? $"the study's objectives have no names; print their values by position, such as 'hone: {verb} 0.93 0.2{suffix}'."
                    : $"it has no value for objective '{name}'.{NearestName.Hint(name, named.Keys)} Print 'hone: {verb} {string.Join(' ', names.Select(n => n + "=..."))}{suffix}'.");
            }
        }

        return values;
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
        var named = message.Named.Where(n => n.Key != "step").ToList();
        if (message.Numbers.Count > 0 && named.Count > 0)
        {
            var name = named[0].Key;
            throw new FormatException(name == "value"
                ? "report takes its values either plain (by position) or as value= or NAME=VALUE pairs, not both."
                : $"report takes step= besides plain values, but got '{name}='.{Running.NearestName.Hint(name, ["value", "step"])} Print values by position or all by name.");
        }

        if (message.Numbers.Count == 0 && named.Count == 0)
        {
            throw new FormatException("report needs a value, such as 'hone: report 0.91 step=3', or one per objective: 'hone: report 0.91 120 step=3' or 'hone: report accuracy=0.91 seconds=120 step=3'.");
        }

        if (named.Count > 1 && named.Exists(n => n.Key == "value"))
        {
            throw new FormatException("value= is the one value of a single objective; name each objective instead, such as 'hone: report accuracy=0.91 seconds=120 step=3'.");
        }

        foreach (var (name, text) in named)
        {
            if (!TryNumber(text, out _))
            {
                throw new FormatException($"the value of {name} must be a number, but got '{text}'.");
            }
        }

        var step = message.Named.FirstOrDefault(n => n.Key == "step").Value;
        if (step is not null && (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"step must be a whole number of at least 0, but got '{step}'.");
        }

        return message;
    }

    /// <summary>An example report line for the study's objectives.</summary>
    private static string ReportExample(IReadOnlyList<Objective> objectives) =>
        objectives.All(o => o.Name is not null)
            ? $"hone: report {string.Join(' ', objectives.Select(o => o.Name + "=..."))} step=3"
            : $"hone: report {string.Join(' ', objectives.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{0.5 + i}")))} step=3";

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

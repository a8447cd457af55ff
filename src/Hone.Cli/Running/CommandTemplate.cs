using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hone.Cli.Running;

/// <summary>
/// The command a trial runs, with <c>{name}</c> placeholders for parameter values (<c>{{</c> and <c>}}</c> for literal braces).
/// </summary>
/// <remarks>
/// <para>As a list, each item is one argument and no shell is involved; an item whose placeholder names a parameter the
/// trial does not have (a conditional one whose condition failed) is left out entirely, so <c>--gamma={gamma}</c>
/// vanishes with <c>gamma</c>.</para>
/// <para>As a text, the command runs through <c>/bin/sh -c</c>; each value is quoted for the shell, and a missing
/// parameter becomes nothing.</para>
/// </remarks>
internal sealed partial class CommandTemplate
{
    /// <summary>The shell a text command runs through.</summary>
    public const string Shell = "/bin/sh";

    private readonly IReadOnlyList<Segment[]> _parts;

    private CommandTemplate(IReadOnlyList<Segment[]> parts, bool isShell)
    {
        _parts = parts;
        IsShell = isShell;
    }

    /// <summary>Whether the command is a text run through the shell rather than a list of arguments.</summary>
    public bool IsShell { get; }

    /// <summary>The parameter names the placeholders use, each once, in order of appearance.</summary>
    public IReadOnlyList<string> Placeholders => _parts.SelectMany(p => p).Select(s => s.Parameter).OfType<string>().Distinct().ToList();

    /// <summary>The program of a list command as written (before resolution), or <see cref="Shell"/>.</summary>
    public string Program => IsShell ? Shell : string.Concat(_parts[0].Select(s => s.Text));

    /// <summary>Parses a list command.</summary>
    /// <param name="arguments">The program and its arguments.</param>
    /// <returns>The template.</returns>
    /// <exception cref="FormatException">An argument has an unclosed brace; the message names it.</exception>
    public static CommandTemplate FromArguments(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            throw new FormatException("the command list is empty; give at least the program.");
        }

        var parts = arguments.Select(Parse).ToList();
        if (parts[0].Any(s => s.Parameter is not null))
        {
            throw new FormatException($"the program '{arguments[0]}' cannot be a placeholder; put placeholders in its arguments.");
        }

        return new CommandTemplate(parts, isShell: false);
    }

    /// <summary>Parses a shell command.</summary>
    /// <param name="text">The command line.</param>
    /// <returns>The template.</returns>
    /// <exception cref="FormatException">The text has an unclosed brace.</exception>
    public static CommandTemplate FromShell(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new CommandTemplate([Parse(text)], isShell: true);
    }

    /// <summary>The arguments to start, program first, with the trial's values in place.</summary>
    /// <param name="values">The trial's parameter values by name.</param>
    /// <returns>The program and its arguments; for a shell command <c>/bin/sh -c LINE</c>.</returns>
    public IReadOnlyList<string> Expand(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (IsShell)
        {
            return [Shell, "-c", Fill(_parts[0], values, quote: true)!];
        }

        var arguments = new List<string>(_parts.Count);
        foreach (var part in _parts)
        {
            if (Fill(part, values, quote: false) is { } argument)
            {
                arguments.Add(argument);
            }
        }

        return arguments;
    }

    /// <summary>The command as one line to paste into a shell.</summary>
    /// <param name="values">The trial's parameter values by name.</param>
    /// <returns>The line.</returns>
    public string Display(IReadOnlyDictionary<string, object?> values) =>
        IsShell ? Fill(_parts[0], values, quote: true)! : string.Join(' ', Expand(values).Select(Quote));

    /// <summary>The text of a parameter value: numbers round-trippable in the invariant culture, booleans as <c>true</c>/<c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text; empty for <see langword="null"/>.</returns>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Quotes a word for a POSIX shell when it needs it.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The word as is when safe, else in single quotes.</returns>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static string? Fill(Segment[] segments, IReadOnlyDictionary<string, object?> values, bool quote)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Parameter is null)
            {
                builder.Append(segment.Text);
            }
            else if (values.TryGetValue(segment.Parameter, out var value))
            {
                builder.Append(quote ? Quote(Format(value)) : Format(value));
            }
            else if (!quote)
            {
                return null;
            }
        }

        return builder.ToString();
    }

    private static Segment[] Parse(string text)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"'{text}' has a '{{' without its '}}'; write {{name}} for a parameter or {{{{ for a literal brace.");
                }

                var name = text[(i + 1)..end].Trim();
                if (name.Length == 0)
                {
                    throw new FormatException($"'{text}' has an empty placeholder {{}}; write the name of a parameter between the braces.");
                }

                segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
                segments.Add(new Segment(string.Empty, name));
                i = end;
            }
            else if (c == '}')
            {
                throw new FormatException($"'{text}' has a '}}' without its '{{'; write }}}} for a literal brace.");
            }
            else
            {
                literal.Append(c);
            }
        }

        segments.Add(new Segment(literal.ToString(), null));
        return [.. segments.Where(s => s.Parameter is not null || s.Text.Length > 0)];
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./:=,+@%-]+$")]
    private static partial Regex SafeWord();

    private readonly record struct Segment(string Text, string? Parameter);
}

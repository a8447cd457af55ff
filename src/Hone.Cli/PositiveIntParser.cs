using System.CommandLine.Parsing;
using System.Globalization;

namespace Hone.Cli;

/// <summary>The parser of an option that takes a whole number of at least 1 (<c>--limit</c>, <c>--tail</c>, <c>--trials</c>).</summary>
internal static class PositiveIntParser
{
    /// <summary>A parser that names the option, and adds <paramref name="hint"/> to its error message.</summary>
    /// <param name="option">The option, such as <c>--limit</c>.</param>
    /// <param name="hint">A sentence after the error, or empty.</param>
    /// <returns>The parser, for <c>CustomParser</c>.</returns>
    public static Func<ArgumentResult, int?> For(string option, string hint = "") => result =>
    {
        var text = result.Tokens[^1].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            return n;
        }

        result.AddError($"{option} must be a whole number of at least 1, but got '{text}'.{(hint.Length > 0 ? " " + hint : string.Empty)}");
        return null;
    };
}

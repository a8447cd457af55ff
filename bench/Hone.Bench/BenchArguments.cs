using System.Globalization;

namespace Hone.Bench;

/// <summary>The command line of one benchmark: a subcommand followed by <c>--name value</c> options and <c>--flag</c> switches.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _options;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private BenchArguments(string command, Dictionary<string, string?> options)
    {
        Command = command;
        _options = options;
    }

    /// <summary>The subcommand.</summary>
    public string Command { get; }

    /// <summary>Splits the command line; a switch is an option without a value.</summary>
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new BenchUsageException("A subcommand comes first: throughput, memory, profile, functions, samplers, suite, overhead, pruning, hypervolume, mo-problems, mo-suite, mo-overhead, mo-pruning, mlp or budgets.");
        }

        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchUsageException($"Expected an option like --trials, but got '{args[i]}'.");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }

        return new BenchArguments(args[0], options);
    }

    /// <summary>A positive integer option.</summary>
    public int Int(string name, int fallback, int min = 1)
    {
        var text = Text(name, null);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new BenchUsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be an integer >= {min}, but got '{text}'."));
    }

    /// <summary>A positive number option.</summary>
    public double Double(string name, double fallback)
    {
        var text = Text(name, null);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new BenchUsageException($"--{name} must be a positive number like 0.5 or 2, but got '{text}'.");
    }

    /// <summary>A comma-separated list option, each entry one of a fixed list; the fallback when absent.</summary>
    public IReadOnlyList<string> List(string name, IReadOnlyList<string> fallback, IReadOnlyCollection<string> choices)
    {
        var text = Text(name, null);
        if (text is null)
        {
            return fallback;
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = items.Where(i => !choices.Contains(i, StringComparer.Ordinal)).ToList();
        if (items.Length == 0 || unknown.Count > 0)
        {
            throw new BenchUsageException($"--{name} takes a comma-separated list of {string.Join(", ", choices)}, but got '{text}'{(unknown.Count > 0 ? $" ({string.Join(", ", unknown)} unknown)" : string.Empty)}.");
        }

        return items.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A comma-separated list of integers, each at least <paramref name="min"/>, in increasing order.</summary>
    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback, int min)
    {
        var text = Text(name, null);
        if (text is null)
        {
            return fallback;
        }

        var values = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || (values.Count > 0 && value <= values[^1]))
            {
                throw new BenchUsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} takes increasing integers >= {min} separated by commas, like 100,1000,5000, but got '{text}'."));
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>An option whose value is one of a fixed list.</summary>
    public string Choice(string name, string fallback, params string[] choices)
    {
        var value = Text(name, fallback)!;
        return choices.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new BenchUsageException($"--{name} must be one of {string.Join(", ", choices)}, but got '{value}'.");
    }

    /// <summary>A free-text option.</summary>
    public string? Text(string name, string? fallback)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return fallback;
        }

        return value ?? throw new BenchUsageException($"--{name} needs a value.");
    }

    /// <summary>Whether a switch is present.</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value)
            ? value is null ? true : throw new BenchUsageException($"--{name} is a switch and takes no value, but got '{value}'.")
            : false;
    }

    /// <summary>Fails on options that the subcommand did not read, so that a typo does not pass silently.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchUsageException($"Unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}. Known: {string.Join(", ", _used.Order(StringComparer.Ordinal).Select(u => "--" + u))}.");
        }
    }
}

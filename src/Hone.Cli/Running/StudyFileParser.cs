using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hone.Distributions;
using Hone.SearchSpaces;
using Hone.Studies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hone.Cli.Running;

/// <summary>Reads a study file, YAML or JSON (JSON is read as the YAML it also is, so that errors carry line and column).</summary>
internal static partial class StudyFileParser
{
    /// <summary>The keys of a study file.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "name", "storage", "direction", "directions", "objectives", "constraints", "sampler", "pruner", "trials", "timeout", "parallelism",
        "parameters", "command", "working_dir", "env", "trial_timeout", "retries", "grace_period", "heartbeat", "heartbeat_grace",
        "resources", "logs_dir",
    ];

    private static readonly string[] FloatKeys = ["type", "low", "high", "log", "step", "when"];
    private static readonly string[] CategoricalKeys = ["type", "choices", "when"];
    private static readonly string[] ConditionKeys = ["parameter", "in"];
    private static readonly string[] ConstraintKeys = ["min", "max"];
    private static readonly string[] ResourceKeys = ["slots", "per_trial", "share", "variable"];
    private static readonly string[] DistributionTypes = ["float", "int", "categorical"];

    /// <summary>Reads and checks a study file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The study file.</returns>
    /// <exception cref="CliException">The file is missing, malformed or invalid; the message gives file, line and column.</exception>
    public static StudyFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CliException($"Study file '{path}' does not exist. Pass the path of a YAML or JSON study file.");
        }

        var text = File.ReadAllText(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        return Parse(text, path, folder);
    }

    /// <summary>Reads and checks the text of a study file.</summary>
    /// <param name="text">The YAML or JSON text.</param>
    /// <param name="path">The file name for messages.</param>
    /// <param name="folder">The folder relative paths are resolved against.</param>
    /// <returns>The study file.</returns>
    /// <exception cref="CliException">The text is malformed or invalid.</exception>
    public static StudyFile Parse(string text, string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new NodeReader(path);
        var root = Load(reader, text);
        var entries = reader.Entries(root, "the study file", Keys);
        YamlNode? Optional(string key) => entries.GetValueOrDefault(key);
        YamlNode Required(string key, string example) =>
            entries.TryGetValue(key, out var node) ? node : throw reader.Error(root, $"the study file needs '{key}', for example {example}.");

        var name = reader.String(Required("name", "'name: svm-digits'"), "name");
        var objectives = ReadObjectives(reader, root, entries);
        var space = Optional("parameters") is { } parameters ? ReadSpace(reader, parameters) : new SearchSpace();
        var commandNode = Required("command", "'command: [python3, train.py, --lr, \"{lr}\"]'");
        var command = ReadCommand(reader, commandNode, space);
        int? trials = Optional("trials") is { } t ? reader.Integer(t, "trials", 1) : null;
        TimeSpan? timeout = Optional("timeout") is { } d ? reader.Duration(d, "timeout") : null;
        if (trials is null && timeout is null)
        {
            throw reader.Error(root, "the study file needs 'trials' (how many trials the study should have) or 'timeout' (how long to start new ones), or both.");
        }

        var heartbeat = Optional("heartbeat") is { } hb ? reader.Duration(hb, "heartbeat") : TimeSpan.FromSeconds(10);
        var heartbeatGrace = Optional("heartbeat_grace") is { } hg ? reader.Duration(hg, "heartbeat_grace") : TimeSpan.FromMinutes(1);
        if (heartbeatGrace <= heartbeat)
        {
            throw reader.Error(
                Optional("heartbeat_grace") ?? Optional("heartbeat")!,
                $"heartbeat_grace ({heartbeatGrace}) must be longer than heartbeat ({heartbeat}); make it several heartbeats long.");
        }

        var context = new ComponentContext(space, objectives.Count);
        return new StudyFile
        {
            Path = path,
            Name = name,
            Storage = Optional("storage") is { } s ? ResolveStorage(reader.String(s, "storage"), folder) : null,
            Objectives = objectives,
            Constraints = Optional("constraints") is { } c ? ReadConstraints(reader, c, objectives) : [],
            Sampler = SamplerCatalog.Registry.Create(reader, Optional("sampler"), context),
            Pruner = PrunerCatalog.Registry.Create(reader, Optional("pruner"), context),
            Trials = trials,
            Timeout = timeout,
            Parallelism = Optional("parallelism") is { } p ? reader.Integer(p, "parallelism", 1) : 1,
            SearchSpace = space,
            Command = command,
            CommandLocation = string.Create(CultureInfo.InvariantCulture, $"{path}:{commandNode.Start.Line}:{commandNode.Start.Column}"),
            WorkingDirectory = Optional("working_dir") is { } w ? System.IO.Path.GetFullPath(reader.String(w, "working_dir"), folder) : folder,
            Environment = Optional("env") is { } env ? ReadEnvironment(reader, env) : new Dictionary<string, string>(),
            TrialTimeout = Optional("trial_timeout") is { } tt ? reader.Duration(tt, "trial_timeout") : null,
            Retries = Optional("retries") is { } r ? reader.Integer(r, "retries", 0) : 0,
            GracePeriod = Optional("grace_period") is { } g ? reader.Duration(g, "grace_period") : TimeSpan.FromSeconds(10),
            Heartbeat = heartbeat,
            HeartbeatGrace = heartbeatGrace,
            Slots = Optional("resources") is { } res ? ReadSlots(reader, res) : null,
            LogDirectory = Optional("logs_dir") is { } l
                ? System.IO.Path.GetFullPath(reader.String(l, "logs_dir"), folder)
                : System.IO.Path.Combine(folder, "hone-logs", SafeFileName(name)),
        };
    }

    /// <summary>A storage URL with a relative SQLite path made absolute against <paramref name="folder"/>.</summary>
    /// <param name="url">The URL as written.</param>
    /// <param name="folder">The study file's folder.</param>
    /// <returns>The URL.</returns>
    internal static string ResolveStorage(string url, string folder)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var (path, rest) = query < 0 ? (url, string.Empty) : (url[..query], url[query..]);
        const string Scheme = "sqlite:///";
        if (path.StartsWith(Scheme, StringComparison.Ordinal) && !path[Scheme.Length..].StartsWith('/'))
        {
            return Scheme + System.IO.Path.GetFullPath(path[Scheme.Length..], folder) + rest;
        }

        return !path.Contains("://", StringComparison.Ordinal) && path is not ("memory" or "inmemory" or ":memory:") && !System.IO.Path.IsPathRooted(path)
            ? System.IO.Path.GetFullPath(path, folder) + rest
            : url;
    }

    private static YamlNode Load(NodeReader reader, string text)
    {
        // JSON allows tabs between tokens where YAML does not; a space in their place keeps every column where it was.
        var yaml = text.TrimStart().StartsWith('{') ? TabsOutsideStrings().Replace(text, m => m.Value.Replace('\t', ' ')) : text;
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw reader.Error(e.Start, "invalid YAML: " + Describe(e) + ".");
        }
        catch (InvalidOperationException e)
        {
            // Some malformed input trips YamlDotNet's scanner without a position: point after the last sound node.
            throw reader.Error(parser.Last, $"invalid YAML after this point: {e.Message.TrimEnd('.')}. Check the brackets, braces and quotes.");
        }

        return stream.Documents.Count switch
        {
            0 => throw reader.Error(Mark.Empty, "the study file is empty; it needs at least name, direction, parameters, command and trials."),
            1 => stream.Documents[0].RootNode,
            _ => throw reader.Error(stream.Documents[1].RootNode, "the study file holds several YAML documents; keep one study per file."),
        };
    }

    // YamlDotNet prefixes its messages with both positions; the error line gives the position once.
    private static string Describe(YamlException e)
    {
        var message = (e.InnerException is YamlException or ArgumentException ? e.InnerException.Message : e.Message).Trim().TrimEnd('.');
        return PositionPrefix().Replace(message, string.Empty);
    }

    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark Last { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                Last = current.End;
            }

            return moved;
        }
    }

    private static List<Objective> ReadObjectives(NodeReader reader, YamlNode root, IReadOnlyDictionary<string, YamlNode> entries)
    {
        var given = new[] { "direction", "directions", "objectives" }.Where(entries.ContainsKey).ToList();
        if (given.Count != 1)
        {
            throw reader.Error(
                given.Count == 0 ? root : NodeReader.KeyNode(root, given[1]),
                given.Count == 0
                    ? "the study file needs 'direction: minimize' or 'direction: maximize'; for several objectives, 'objectives: {accuracy: maximize, latency: minimize}'."
                    : $"give only one of 'direction', 'directions' and 'objectives', but got {string.Join(" and ", given)}.");
        }

        var node = entries[given[0]];
        switch (given[0])
        {
            case "direction":
                return [new Objective(null, Direction(reader, node, "direction"))];
            case "directions":
                return node is YamlSequenceNode { Children.Count: > 0 } list
                    ? [.. list.Children.Select(n => new Objective(null, Direction(reader, n, "directions")))]
                    : throw reader.Error(node, $"'directions' must be a list such as [minimize, maximize], but got {NodeReader.Describe(node)}.");
            default:
                var objectives = reader.Entries(node, "objectives");
                return objectives.Count > 0
                    ? [.. objectives.Select(o => new Objective(CheckMetricName(reader, NodeReader.KeyNode(node, o.Key), o.Key), Direction(reader, o.Value, $"objectives.{o.Key}")))]
                    : throw reader.Error(node, "'objectives' needs at least one metric, such as {accuracy: maximize}.");
        }
    }

    private static List<MetricConstraint> ReadConstraints(NodeReader reader, YamlNode node, IReadOnlyList<Objective> objectives)
    {
        var constraints = new List<MetricConstraint>();
        foreach (var (name, value) in reader.Entries(node, "constraints"))
        {
            var key = NodeReader.KeyNode(node, name);
            CheckMetricName(reader, key, name);
            if (objectives.Any(o => o.Name == name))
            {
                throw reader.Error(key, $"'{name}' is an objective; a constraint limits another metric the trial prints, such as latency_ms: {{max: 20}}.");
            }

            var bounds = reader.Entries(value, $"constraints.{name}", ConstraintKeys);
            double? Bound(string bound) => bounds.TryGetValue(bound, out var b) ? Finite(reader, b, $"constraints.{name}.{bound}") : null;
            var (min, max) = (Bound("min"), Bound("max"));
            if (min is null && max is null)
            {
                throw reader.Error(value, $"constraint '{name}' needs a limit: {{max: 20}}, {{min: 0.8}} or both.");
            }

            constraints.Add(min > max
                ? throw reader.Error(value, string.Create(CultureInfo.InvariantCulture, $"constraint '{name}' has min {min} above max {max}; no value could meet it."))
                : new MetricConstraint(name, min, max));
        }

        return constraints;
    }

    private static double Finite(NodeReader reader, YamlNode node, string what) =>
        reader.Scalar(node) switch
        {
            long l => l,
            double d when double.IsFinite(d) => d,
            _ => throw reader.Error(node, $"'{what}' must be a finite number, but got {NodeReader.Describe(node)}."),
        };

    private static string CheckMetricName(NodeReader reader, YamlNode node, string name) =>
        MetricName().IsMatch(name)
            ? name
            : throw reader.Error(node, $"metric name '{name}' must be letters, digits, '_', '.' or '-', so that 'hone: result {name}=0.5' can name it.");

    private static StudyDirection Direction(NodeReader reader, YamlNode node, string what) =>
        reader.Scalar(node) switch
        {
            string s when s.Equals("minimize", StringComparison.OrdinalIgnoreCase) => StudyDirection.Minimize,
            string s when s.Equals("maximize", StringComparison.OrdinalIgnoreCase) => StudyDirection.Maximize,
            _ => throw reader.Error(node, $"'{what}' must be minimize or maximize, but got {NodeReader.Describe(node)}."),
        };

    private static SearchSpace ReadSpace(NodeReader reader, YamlNode node)
    {
        var space = new SearchSpace();
        foreach (var (name, value) in reader.Entries(node, "parameters"))
        {
            var what = $"parameter '{name}'";
            YamlNode? when = null;
            Distribution distribution;
            if (value is YamlSequenceNode choices)
            {
                // Shorthand: a list is a categorical parameter with those choices.
                distribution = ToDistribution(reader, value, what, new JsonObject { ["type"] = "categorical", ["choices"] = reader.ToJson(choices) });
            }
            else
            {
                var fields = reader.Entries(value, what);
                var type = fields.TryGetValue("type", out var typeNode)
                    ? reader.Scalar(typeNode) as string
                    : throw reader.Error(value, $"{what} needs a 'type': float, int or categorical.");
                if (type is null || !DistributionTypes.Contains(type))
                {
                    throw reader.Error(typeNode, $"{what} has unknown type {NodeReader.Describe(typeNode)}.{NearestName.Hint(type ?? string.Empty, DistributionTypes)} Use float, int or categorical.");
                }

                var allowed = type == "categorical" ? CategoricalKeys : FloatKeys;
                reader.Entries(value, what, allowed);
                when = fields.GetValueOrDefault("when");
                var json = new JsonObject();
                foreach (var (key, field) in fields.Where(f => f.Key != "when"))
                {
                    json[key] = reader.ToJson(field);
                }

                distribution = ToDistribution(reader, value, what, json);
            }

            var condition = when is null ? null : ReadCondition(reader, when, what);
            try
            {
                space = space.Add(name, distribution, condition);
            }
            catch (ArgumentException e)
            {
                throw reader.Error(when ?? value, $"{what}: {CliException.Reason(e)}");
            }
        }

        return space;
    }

    private static Distribution ToDistribution(NodeReader reader, YamlNode node, string what, JsonObject json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToJsonString());
            return DistributionJsonConverter.FromElement(document.RootElement);
        }
        catch (JsonException e)
        {
            throw reader.Error(node, $"{what}: {e.Message}");
        }
    }

    private static ParameterCondition ReadCondition(NodeReader reader, YamlNode node, string what)
    {
        var fields = reader.Entries(node, $"'when' of {what}", ConditionKeys);
        if (!fields.TryGetValue("parameter", out var parent) || !fields.TryGetValue("in", out var values))
        {
            throw reader.Error(node, $"'when' of {what} needs 'parameter' and 'in', such as {{parameter: kernel, in: [rbf]}}.");
        }

        object?[] accepted = values is YamlSequenceNode list ? [.. list.Children.Select(reader.Scalar)] : [reader.Scalar(values)];
        try
        {
            return new ParameterCondition(reader.String(parent, "when.parameter"), accepted);
        }
        catch (ArgumentException e)
        {
            throw reader.Error(values, $"{what}: {CliException.Reason(e)}");
        }
    }

    private static CommandTemplate ReadCommand(NodeReader reader, YamlNode node, SearchSpace space)
    {
        CommandTemplate command;
        try
        {
            command = node is YamlSequenceNode list
                ? CommandTemplate.FromArguments([.. list.Children.Select(n => reader.Scalar(n) is { } v ? CommandTemplate.Format(v) : string.Empty)])
                : CommandTemplate.FromShell(reader.String(node, "command"));
        }
        catch (FormatException e)
        {
            throw reader.Error(node, "command: " + e.Message);
        }

        var names = space.Parameters.Select(p => p.Name).ToList();
        foreach (var placeholder in command.Placeholders.Where(p => !names.Contains(p)))
        {
            throw reader.Error(
                node,
                $"command: placeholder {{{placeholder}}} names no parameter.{NearestName.Hint(placeholder, names)} "
                + (names.Count == 0 ? "The study file declares no parameters." : $"Parameters: {string.Join(", ", names)}."));
        }

        return command;
    }

    private static Dictionary<string, string> ReadEnvironment(NodeReader reader, YamlNode node) =>
        reader.Entries(node, "env").ToDictionary(e => e.Key, e => CommandTemplate.Format(reader.Scalar(e.Value)), StringComparer.Ordinal);

    private static SlotSettings ReadSlots(NodeReader reader, YamlNode node)
    {
        var fields = reader.Entries(node, "resources", ResourceKeys);
        var slotsNode = fields.TryGetValue("slots", out var s) ? s : throw reader.Error(node, "resources need 'slots': a list of names such as [0, 1] (GPU ids), or a count.");
        IReadOnlyList<string> slots = slotsNode is YamlSequenceNode list
            ? [.. list.Children.Select(n => CommandTemplate.Format(reader.Scalar(n)))]
            : [.. Enumerable.Range(0, reader.Integer(slotsNode, "resources.slots", 1)).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        if (slots.Count == 0 || slots.Distinct().Count() != slots.Count || slots.Any(string.IsNullOrEmpty))
        {
            throw reader.Error(slotsNode, "resources.slots must name at least one slot, each once and non-empty.");
        }

        var perTrial = fields.TryGetValue("per_trial", out var p) ? reader.Integer(p, "resources.per_trial", 1) : 1;
        if (perTrial > slots.Count)
        {
            throw reader.Error(p!, string.Create(CultureInfo.InvariantCulture, $"resources.per_trial is {perTrial}, but there are only {slots.Count} slot(s); no trial could ever start."));
        }

        var share = fields.TryGetValue("share", out var sh) ? reader.Integer(sh, "resources.share", 1) : 1;
        var variable = fields.TryGetValue("variable", out var v) ? reader.Scalar(v) as string : "CUDA_VISIBLE_DEVICES";
        return new SlotSettings(slots, perTrial, share, string.IsNullOrEmpty(variable) ? null : variable);
    }

    private static string SafeFileName(string name) => UnsafeFileCharacters().Replace(name, "_");

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|\t+")]
    private static partial Regex TabsOutsideStrings();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeFileCharacters();
}

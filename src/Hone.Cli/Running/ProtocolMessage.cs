namespace Hone.Cli.Running;

/// <summary>One protocol line of a trial, parsed.</summary>
/// <param name="Kind">What the line says.</param>
/// <param name="Numbers">The unnamed numbers, in order: the reported value, or result values by position.</param>
/// <param name="Named">The <c>name=value</c> pairs, in order; values are the text as printed.</param>
internal sealed record ProtocolMessage(ProtocolKind Kind, IReadOnlyList<double> Numbers, IReadOnlyList<KeyValuePair<string, string>> Named);

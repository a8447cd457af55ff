namespace Hone.Cli.Rendering;

/// <summary>A column of a table.</summary>
/// <param name="Key">The header in plain output: a stable, machine-friendly name such as <c>params_x</c>.</param>
/// <param name="Title">The header in a terminal table.</param>
/// <param name="Numeric">Whether values are numbers, right-aligned in a terminal.</param>
internal readonly record struct Column(string Key, string Title, bool Numeric = false);

namespace Hone.Cli.Rendering;

/// <summary>One value of a table, as plain text for pipes and as text for a terminal.</summary>
/// <param name="Plain">The stable, invariant-culture text written when output is redirected.</param>
/// <param name="Rich">The text shown in a terminal table.</param>
/// <param name="Color">A Spectre colour name for the terminal, or <see langword="null"/>.</param>
internal readonly record struct Cell(string Plain, string Rich, string? Color = null)
{
    /// <summary>An empty cell: a value that does not apply.</summary>
    public static Cell Empty { get; } = new(string.Empty, string.Empty);

    /// <summary>A cell that reads the same in both forms.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The cell.</returns>
    public static Cell Of(string text) => new(text, text);
}

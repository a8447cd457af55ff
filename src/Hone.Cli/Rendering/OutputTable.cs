namespace Hone.Cli.Rendering;

/// <summary>Rows of cells under named columns: what a command prints, before it is rendered as text or as a terminal table.</summary>
/// <param name="columns">The columns.</param>
internal sealed class OutputTable(IReadOnlyList<Column> columns)
{
    private readonly List<IReadOnlyList<Cell>> _rows = [];

    /// <summary>The columns.</summary>
    public IReadOnlyList<Column> Columns { get; } = columns;

    /// <summary>The rows, in order.</summary>
    public IReadOnlyList<IReadOnlyList<Cell>> Rows => _rows;

    /// <summary>A title shown above the terminal table; plain output has none, so that it stays one header and rows.</summary>
    public string? Title { get; init; }

    /// <summary>Adds a row.</summary>
    /// <param name="cells">One cell per column.</param>
    /// <exception cref="ArgumentException">The number of cells differs from the number of columns.</exception>
    public void AddRow(IReadOnlyList<Cell> cells)
    {
        if (cells.Count != Columns.Count)
        {
            throw new ArgumentException($"A row needs one cell per column ({Columns.Count}), but got {cells.Count}.", nameof(cells));
        }

        _rows.Add(cells);
    }
}

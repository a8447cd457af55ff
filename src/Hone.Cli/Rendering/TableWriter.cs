using System.Text;
using Spectre.Console;

namespace Hone.Cli.Rendering;

/// <summary>Writes an <see cref="OutputTable"/>: a Spectre table on a terminal, tab-separated text with one header line otherwise.</summary>
/// <remarks>
/// Plain output ends lines with <c>\n</c> on every platform. Both forms escape backslash, tab, carriage return and
/// line feed inside values (<c>\\</c>, <c>\t</c>, <c>\r</c>, <c>\n</c>), so that one line is always one row.
/// </remarks>
internal static class TableWriter
{
    /// <summary>Writes a table: one line per row when plain, a bordered table on a terminal.</summary>
    /// <param name="table">The table.</param>
    /// <param name="environment">Where to write, and whether it is a terminal.</param>
    public static void Write(OutputTable table, CliEnvironment environment)
    {
        if (environment.OutputIsTerminal)
        {
            WriteRich(table, environment);
        }
        else
        {
            WritePlain(table, environment.Out);
        }
    }

    /// <summary>
    /// Writes a table of one record; on a terminal each column becomes a line (name, value), easier to read than a
    /// wide row, and with room for the exact values of plain output.
    /// </summary>
    /// <param name="table">The table, usually of one row.</param>
    /// <param name="environment">Where to write, and whether it is a terminal.</param>
    public static void WriteRecord(OutputTable table, CliEnvironment environment)
    {
        if (!environment.OutputIsTerminal)
        {
            WritePlain(table, environment.Out);
            return;
        }

        var console = CreateConsole(environment);
        WriteTitle(console, table);
        foreach (var row in table.Rows)
        {
            var grid = new Table().Border(TableBorder.Rounded).HideHeaders();
            grid.AddColumn(new TableColumn(string.Empty));
            grid.AddColumn(new TableColumn(string.Empty));
            for (var i = 0; i < table.Columns.Count; i++)
            {
                grid.AddRow(new Text(Escape(table.Columns[i].Title), new Style(decoration: Decoration.Bold)), ToText(row[i] with { Rich = row[i].Plain }));
            }

            console.Write(grid);
        }
    }

    /// <summary>Escapes a value for tab-separated output.</summary>
    internal static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\t\r\n") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static void WritePlain(OutputTable table, TextWriter writer)
    {
        writer.Write(string.Join('\t', table.Columns.Select(c => Escape(c.Key))));
        writer.Write('\n');
        foreach (var row in table.Rows)
        {
            writer.Write(string.Join('\t', row.Select(c => Escape(c.Plain))));
            writer.Write('\n');
        }
    }

    private static void WriteRich(OutputTable table, CliEnvironment environment)
    {
        var grid = new Table().Border(TableBorder.Rounded);
        foreach (var column in table.Columns)
        {
            grid.AddColumn(new TableColumn(new Text(Escape(column.Title))) { Alignment = column.Numeric ? Justify.Right : Justify.Left });
        }

        foreach (var row in table.Rows)
        {
            grid.AddRow(row.Select(ToText));
        }

        var console = CreateConsole(environment);
        WriteTitle(console, table);
        console.Write(grid);
    }

    // A line of its own: as a table title it would wrap to the width of a narrow table.
    private static void WriteTitle(IAnsiConsole console, OutputTable table)
    {
        if (table.Title is { } title)
        {
            console.Write(new Text(title + "\n", new Style(decoration: Decoration.Bold)));
        }
    }

    // Escaped on a terminal too: a tab or line break inside a cell would break the table's lines.
    private static Text ToText(Cell cell) => new(Escape(cell.Rich), cell.Color is { } color ? Style.Parse(color) : Style.Plain);

    private static IAnsiConsole CreateConsole(CliEnvironment environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = environment.Ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.Ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(environment.Out),
        });
        if (environment.Width is { } width)
        {
            console.Profile.Width = width;
        }

        return console;
    }
}

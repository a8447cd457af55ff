using Hone.Cli;
using Hone.Cli.Rendering;

namespace Hone.Tests.Cli.Rendering;

public sealed class TableWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("line\r\nnext", "line\\r\\nnext")]
    [InlineData("C:\\temp", "C:\\\\temp")]
    [InlineData("", "")]
    public void Escape_Value_KeepsOneRowPerLine(string value, string expected) =>
        Assert.Equal(expected, TableWriter.Escape(value));

    [Fact]
    public void Write_Redirected_WritesHeaderThenRowsWithLineFeeds()
    {
        var table = new OutputTable([new Column("a", "A"), new Column("b", "B", Numeric: true)]) { Title = "not in plain output" };
        table.AddRow([Cell.Of("x\ty"), new Cell("1.5", "1.5s")]);
        table.AddRow([Cell.Empty, Cell.Of("2")]);
        using var writer = new StringWriter();

        TableWriter.Write(table, new CliEnvironment { Out = writer, Error = TextWriter.Null });

        Assert.Equal("a\tb\nx\\ty\t1.5\n\t2\n", writer.ToString());
    }

    [Fact]
    public void Write_Terminal_DrawsTitleHeadersAndRichCells()
    {
        var table = new OutputTable([new Column("a", "Alpha"), new Column("b", "Beta", Numeric: true)]) { Title = "Title [not markup]" };
        table.AddRow([Cell.Of("x"), new Cell("1.5", "1.5s")]);
        using var writer = new StringWriter();

        TableWriter.Write(table, new CliEnvironment { Out = writer, Error = TextWriter.Null, OutputIsTerminal = true, Width = 80 });

        var text = writer.ToString();
        Assert.Contains("Title [not markup]", text, StringComparison.Ordinal);
        Assert.Contains("│ Alpha │ Beta │", text, StringComparison.Ordinal);
        Assert.Contains("│ x     │ 1.5s │", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRow_WrongCellCount_Throws()
    {
        var table = new OutputTable([new Column("a", "A")]);

        Assert.Throws<ArgumentException>(() => table.AddRow([Cell.Empty, Cell.Empty]));
    }
}

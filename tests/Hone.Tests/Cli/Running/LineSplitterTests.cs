using System.Text;
using Hone.Cli.Running;

namespace Hone.Tests.Cli.Running;

public sealed class LineSplitterTests
{
    private static List<(string Line, bool Cut)> Split(int max, params string[] chunks)
    {
        var lines = new List<(string, bool)>();
        var splitter = new LineSplitter(max, (line, cut) => lines.Add((line, cut)));
        foreach (var chunk in chunks)
        {
            splitter.Feed(Encoding.UTF8.GetBytes(chunk));
        }

        splitter.Finish();
        return lines;
    }

    [Fact]
    public void Feed_LinesAcrossChunks_AreJoined() =>
        Assert.Equal([("hone: res", false), ("ult 1", false)], Split(100, "hone: res\nult", " 1"));

    [Fact]
    public void Feed_CrLf_DropsTheCarriageReturn() => Assert.Equal([("a", false), ("b", false)], Split(100, "a\r\nb\r\n"));

    [Fact]
    public void Feed_LongLine_IsCutAtTheLimit() => Assert.Equal([("abcd", true), ("x", false)], Split(4, "abcdefgh", "ij\nx\n"));

    [Fact]
    public void Finish_WithoutLastLineBreak_EmitsTheLastLine() => Assert.Equal([("a", false), ("tail", false)], Split(100, "a\ntail"));
}

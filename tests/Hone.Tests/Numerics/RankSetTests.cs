using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class RankSetTests
{
    [Property(MaxTest = 40)]
    public Property NextAndPrevious_AfterAddsAndRemoves_MatchASortedSet() =>
        Prop.ForAll(Arb.From(Operations()), test =>
        {
            var (capacity, operations) = test;
            var set = new RankSet(capacity);
            var expected = new HashSet<int>();
            foreach (var (add, rank) in operations)
            {
                if (add)
                {
                    set.Add(rank);
                    expected.Add(rank);
                }
                else
                {
                    set.Remove(rank);
                    expected.Remove(rank);
                }
            }

            var next = new int[capacity + 2];
            var previous = new int[capacity + 2];
            next[capacity + 1] = next[capacity] = -1;
            for (var rank = capacity - 1; rank >= 0; rank--)
            {
                next[rank] = expected.Contains(rank) ? rank : next[rank + 1];
            }

            for (var rank = 0; rank < capacity; rank++)
            {
                previous[rank] = expected.Contains(rank) ? rank : rank > 0 ? previous[rank - 1] : -1;
            }

            previous[capacity] = capacity > 0 ? previous[capacity - 1] : -1;
            for (var rank = -1; rank <= capacity; rank++)
            {
                Assert.Equal(rank < 0 ? next[0] : next[rank], set.Next(rank));
                Assert.Equal(rank < 0 ? -1 : previous[rank], set.Previous(rank));
                Assert.Equal(expected.Contains(rank), rank >= 0 && rank < capacity && set.Contains(rank));
            }
        });

    [Fact]
    public void Previous_AcrossEmptyWordsOfThreeLevels_FindsTheOnlyMember()
    {
        var set = new RankSet(300_000);
        set.Add(5);
        set.Add(299_999);

        Assert.Equal(5, set.Previous(299_998));
        Assert.Equal(299_999, set.Next(6));
        set.Remove(299_999);
        Assert.Equal(-1, set.Next(6));
        Assert.Equal(5, set.Previous(299_999));
    }

    /// <summary>A capacity that spans one, two or three levels, and adds and removes of ranks below it.</summary>
    private static Gen<(int Capacity, (bool Add, int Rank)[] Operations)> Operations() =>
        from capacity in Gen.Elements(1, 63, 64, 65, 200, 4096, 4097, 9000)
        from operations in Gen.ArrayOf(
            from add in Gen.Choose(0, 3).Select(v => v > 0)
            from rank in Gen.Choose(0, capacity - 1)
            select (add, rank))
        select (capacity, operations);
}

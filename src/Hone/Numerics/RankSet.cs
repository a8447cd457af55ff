using System.Numerics;

namespace Hone.Numerics;

/// <summary>A set of integers in [0, capacity) with fast predecessor and successor queries: the sorted structure of
/// sweep algorithms whose keys are known in advance, so that each key is replaced by its rank.</summary>
/// <remarks>
/// A 64-ary tree of bit words: level 0 holds one bit per rank, and each bit of a higher level says whether its word
/// below is non-empty. Every operation visits one word per level, so O(log₆₄ capacity): three words for 262,144 ranks.
/// </remarks>
internal sealed class RankSet
{
    private readonly ulong[][] _levels;

    /// <summary>An empty set for the ranks 0 to <paramref name="capacity"/> − 1.</summary>
    public RankSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var levels = new List<ulong[]>();
        var size = capacity;
        do
        {
            size = (size + 63) >> 6;
            levels.Add(new ulong[Math.Max(size, 1)]);
        }
        while (size > 1);

        _levels = [.. levels];
    }

    /// <summary>Adds a rank; adding one already in the set does nothing.</summary>
    public void Add(int rank)
    {
        foreach (var level in _levels)
        {
            level[rank >> 6] |= 1UL << (rank & 63);
            rank >>= 6;
        }
    }

    /// <summary>Removes a rank; removing one not in the set does nothing.</summary>
    public void Remove(int rank)
    {
        foreach (var level in _levels)
        {
            ref var word = ref level[rank >> 6];
            word &= ~(1UL << (rank & 63));
            if (word != 0)
            {
                return;
            }

            rank >>= 6;
        }
    }

    /// <summary>Whether the set holds a rank.</summary>
    public bool Contains(int rank) => (_levels[0][rank >> 6] & (1UL << (rank & 63))) != 0;

    /// <summary>The smallest member at least <paramref name="rank"/>, or −1 when there is none.</summary>
    public int Next(int rank)
    {
        if (rank < 0)
        {
            rank = 0;
        }

        for (var h = 0; h < _levels.Length; h++)
        {
            var index = rank >> 6;
            if (index >= _levels[h].Length)
            {
                return -1;
            }

            var word = _levels[h][index] & (ulong.MaxValue << (rank & 63));
            if (word != 0)
            {
                rank = (index << 6) | BitOperations.TrailingZeroCount(word);
                for (var g = h - 1; g >= 0; g--)
                {
                    rank = (rank << 6) | BitOperations.TrailingZeroCount(_levels[g][rank]);
                }

                return rank;
            }

            rank = index + 1;
        }

        return -1;
    }

    /// <summary>The largest member at most <paramref name="rank"/>, or −1 when there is none.</summary>
    public int Previous(int rank)
    {
        if (rank < 0)
        {
            return -1;
        }

        for (var h = 0; h < _levels.Length; h++)
        {
            var index = Math.Min(rank >> 6, _levels[h].Length - 1);
            var bits = index == rank >> 6 ? _levels[h][index] & (ulong.MaxValue >> (63 - (rank & 63))) : _levels[h][index];
            if (bits != 0)
            {
                rank = (index << 6) | (63 - BitOperations.LeadingZeroCount(bits));
                for (var g = h - 1; g >= 0; g--)
                {
                    rank = (rank << 6) | (63 - BitOperations.LeadingZeroCount(_levels[g][rank]));
                }

                return rank;
            }

            if (index == 0)
            {
                return -1;
            }

            rank = index - 1;
        }

        return -1;
    }
}

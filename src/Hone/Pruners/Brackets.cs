namespace Hone.Pruners;

/// <summary>The brackets of a Hyperband run in one study, the hash that assigns trial numbers to them, budget-weighted, and
/// the rung values of each.</summary>
internal sealed class Brackets
{
    private readonly long[] _budgets;
    private readonly long _total;
    private readonly ulong _seed;

    public Brackets(int minResource, int maxResource, int reductionFactor, ulong seed)
    {
        // floor(log_η(R / r)) + 1, in integers: the largest s with r * η^s <= R, plus one.
        var count = 1;
        for (long step = (long)minResource * reductionFactor; step <= maxResource; step *= reductionFactor)
        {
            count++;
        }

        _budgets = new long[count];
        for (var bracket = 0; bracket < count; bracket++)
        {
            var s = count - 1 - bracket;
            var power = 1L;
            for (var i = 0; i < s; i++)
            {
                power *= reductionFactor;
            }

            _budgets[bracket] = ((count * power) + s) / (s + 1);
            _total += _budgets[bracket];
        }

        _seed = seed;
        Rungs = [.. Enumerable.Range(0, count).Select(b => new RungValues(trial => Of(trial.Number) == b))];
    }

    /// <summary>The finished trials' rung values of each bracket.</summary>
    public IReadOnlyList<RungValues> Rungs { get; }

    /// <summary>How many brackets there are.</summary>
    public int Count => _budgets.Length;

    /// <summary>The share of trials each bracket gets, in units of the total budget.</summary>
    public IReadOnlyList<long> Budgets => _budgets;

    /// <summary>The bracket of a trial number: a hash of it, spread over the brackets in proportion to their budgets.</summary>
    public int Of(int trialNumber)
    {
        var n = (long)(Mix(_seed + (ulong)trialNumber) % (ulong)_total);
        for (var bracket = 0; bracket < _budgets.Length - 1; bracket++)
        {
            n -= _budgets[bracket];
            if (n < 0)
            {
                return bracket;
            }
        }

        return _budgets.Length - 1;
    }

    /// <summary>SplitMix64's finalizer: neighbouring numbers land far apart.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

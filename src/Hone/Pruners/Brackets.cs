namespace Hone.Pruners;

/// <summary>The brackets of a Hyperband run in one study, the order that assigns trial numbers to them in proportion to
/// their budgets, and the rung values of each.</summary>
/// <remarks>
/// Trial numbers follow a fixed order of brackets that repeats every <c>W</c> trials (<c>W</c>, the sum of the
/// budgets), within which each bracket appears as many times as its budget. The order is smooth weighted round robin:
/// at each position every bracket gains its budget in credit, and the bracket with the most credit (the lowest on a
/// tie) takes the position and gives up <c>W</c>. So every run of consecutive trials from the start of the order holds
/// each bracket's share to within one trial, and any run of them to within two: even a short study fills the brackets
/// in the paper's proportions. A hash would only do so on average, by several trials either way over a thousand.
/// </remarks>
internal sealed class Brackets
{
    private readonly long[] _budgets;
    private readonly long _total;
    private readonly Lock _gate = new();

    // Positions [0, _order.Length) of the order, counted from the offset the constructor steps to; extended on demand
    // (under _gate) and replaced whole, so a reader needs no lock. The period can reach billions for extreme resource
    // ratios, so it is never built further than the trial numbers in use.
    private byte[] _order = [];
    private readonly long[] _credit;

    public Brackets(int minResource, int maxResource, int reductionFactor, ulong offset)
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

        _credit = new long[count];
        // Step the round robin to the offset once, keeping only its credits.
        var start = (long)(offset % (ulong)_total);
        for (var position = 0L; position < start; position++)
        {
            _ = Step();
        }

        Rungs = [.. Enumerable.Range(0, count).Select(b => new RungValues(trial => Of(trial.Number) == b))];
    }

    /// <summary>The finished trials' rung values of each bracket.</summary>
    public IReadOnlyList<RungValues> Rungs { get; }

    /// <summary>How many brackets there are.</summary>
    public int Count => _budgets.Length;

    /// <summary>The share of trials each bracket gets, in units of the total budget.</summary>
    public IReadOnlyList<long> Budgets => _budgets;

    /// <summary>The bracket of a trial number: its place in the repeating order of the brackets.</summary>
    public int Of(int trialNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        var position = trialNumber % _total;
        var order = Volatile.Read(ref _order);
        return position < order.Length ? order[position] : Extend(position);
    }

    /// <summary>Extends the order past <paramref name="position"/> (doubling, up to one period) and reads it.</summary>
    private int Extend(long position)
    {
        lock (_gate)
        {
            var order = _order;
            if (position >= order.Length)
            {
                var length = Math.Min(_total, Math.Max(position + 1, Math.Max(2L * order.Length, 64)));
                var longer = new byte[length];
                order.CopyTo(longer, 0);
                for (var i = order.Length; i < length; i++)
                {
                    longer[i] = Step();
                }

                Volatile.Write(ref _order, longer);
                order = longer;
            }

            return order[position];
        }
    }

    /// <summary>One step of smooth weighted round robin: the next position's bracket.</summary>
    private byte Step()
    {
        var chosen = 0;
        for (var bracket = 0; bracket < _credit.Length; bracket++)
        {
            _credit[bracket] += _budgets[bracket];
            if (_credit[bracket] > _credit[chosen])
            {
                chosen = bracket;
            }
        }

        _credit[chosen] -= _total;
        return (byte)chosen;
    }
}

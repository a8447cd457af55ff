using System.Globalization;

namespace Hone.Distributions;

/// <summary>A real-valued parameter in <c>[Low, High]</c>, on a linear or log scale, optionally discretized by a step.</summary>
public sealed record FloatDistribution : Distribution
{
    /// <summary>Creates a float distribution and validates it.</summary>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, included.</param>
    /// <param name="log">Whether values are sampled uniformly in log space; needs <paramref name="low"/> &gt; 0.</param>
    /// <param name="step">The grid spacing from <paramref name="low"/>; must divide the range; not with <paramref name="log"/>.</param>
    /// <exception cref="ArgumentException">The arguments break one of the rules above.</exception>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException(Invariant($"low and high must be finite, but got (low={low}, high={high})."));
        }

        if (low > high)
        {
            throw new ArgumentException(Invariant($"low <= high must hold, but got (low={low}, high={high}). Swap the bounds."));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException(Invariant($"a log distribution needs low > 0, but got (low={low}, high={high}). Raise low or drop log."));
        }

        if (step is { } s)
        {
            if (log)
            {
                throw new ArgumentException(Invariant($"step and log cannot be used together, but got (step={s}, log=true). Drop one of them."));
            }

            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new ArgumentException(Invariant($"step must be > 0, but got (step={s})."));
            }

            var steps = (high - low) / s;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-8 * Math.Max(1, steps))
            {
                throw new ArgumentException(Invariant($"step must divide high - low, but got (low={low}, high={high}, step={s}). Choose high = low + k * step."));
            }
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>The lower bound, included.</summary>
    public double Low { get; }

    /// <summary>The upper bound, included.</summary>
    public double High { get; }

    /// <summary>Whether the parameter is searched on a log scale.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing from <see cref="Low"/>, or <see langword="null"/> for a continuous parameter.</summary>
    public double? Step { get; }

    /// <inheritdoc/>
    public override bool IsSingle() => Low == High || (Step is { } s && High - Low < s);

    /// <inheritdoc/>
    public override double ToInternal(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        _ => throw new ArgumentException($"A float parameter needs a number, but got '{value ?? "null"}'."),
    };

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc/>
    public override bool Contains(double internalValue)
    {
        if (!(internalValue >= Low && internalValue <= High))
        {
            return false;
        }

        if (Step is not { } s)
        {
            return true;
        }

        var k = (internalValue - Low) / s;
        return Math.Abs(k - Math.Round(k)) < 1e-8 * Math.Max(1, Math.Abs(k));
    }

    /// <summary>Snaps a value onto the step grid and into the bounds.</summary>
    internal double Round(double value)
    {
        if (Step is { } s)
        {
            value = Low + (Math.Round((value - Low) / s) * s);
        }

        return Math.Clamp(value, Low, High);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

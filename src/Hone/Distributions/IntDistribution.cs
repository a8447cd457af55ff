using System.Globalization;

namespace Hone.Distributions;

/// <summary>An integer parameter in <c>[Low, High]</c>, on a linear or log scale, with a step.</summary>
public sealed record IntDistribution : Distribution
{
    /// <summary>Creates an integer distribution and validates it.</summary>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, included.</param>
    /// <param name="log">Whether values are sampled uniformly in log space; needs <paramref name="low"/> &gt;= 1 and step 1.</param>
    /// <param name="step">The spacing from <paramref name="low"/>; must be positive and divide the range.</param>
    /// <exception cref="ArgumentException">The arguments break one of the rules above.</exception>
    public IntDistribution(int low, int high, bool log = false, int step = 1)
    {
        if (low > high)
        {
            throw new ArgumentException(Invariant($"low <= high must hold, but got (low={low}, high={high}). Swap the bounds."));
        }

        if (step < 1)
        {
            throw new ArgumentException(Invariant($"step must be >= 1, but got (step={step})."));
        }

        if (log && low < 1)
        {
            throw new ArgumentException(Invariant($"a log distribution needs low >= 1, but got (low={low}, high={high}). Raise low or drop log."));
        }

        if (log && step != 1)
        {
            throw new ArgumentException(Invariant($"step and log cannot be used together, but got (step={step}, log=true). Drop one of them."));
        }

        if (((long)high - low) % step != 0)
        {
            throw new ArgumentException(Invariant($"step must divide high - low, but got (low={low}, high={high}, step={step}). Choose high = low + k * step."));
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>The lower bound, included.</summary>
    public int Low { get; }

    /// <summary>The upper bound, included.</summary>
    public int High { get; }

    /// <summary>Whether the parameter is searched on a log scale.</summary>
    public bool Log { get; }

    /// <summary>The spacing between admissible values, from <see cref="Low"/>.</summary>
    public int Step { get; }

    /// <inheritdoc/>
    public override bool IsSingle() => Low == High;

    /// <inheritdoc/>
    public override double ToInternal(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d when d == Math.Round(d) => d,
        _ => throw new ArgumentException($"An int parameter needs an integer, but got '{value ?? "null"}'."),
    };

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => (int)Math.Round(internalValue);

    /// <inheritdoc/>
    public override bool Contains(double internalValue) =>
        internalValue >= Low && internalValue <= High && internalValue == Math.Round(internalValue)
        && ((long)internalValue - Low) % Step == 0;

    /// <summary>Snaps a real value onto the admissible integers.</summary>
    internal double Round(double value)
    {
        var k = Math.Round((value - Low) / Step);
        return Math.Clamp(Low + (k * Step), Low, High);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

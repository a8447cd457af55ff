namespace Hone.Tests.Numerics;

/// <summary>Checks shared by the low-discrepancy sequence tests.</summary>
internal static class QmcTestSupport
{
    /// <summary>Whether each of the <c>base^digits</c> equal intervals of [0, 1) holds exactly one of the values.</summary>
    public static bool OneInEachInterval(IEnumerable<double> values, int @base, int digits)
    {
        var cells = (int)Math.Pow(@base, digits);
        var counts = new int[cells];
        foreach (var value in values)
        {
            // Nudged up by a relative 1e-12, so that a value such as 1/3, which rounds to just below the cell edge, counts in its cell.
            counts[Math.Min(cells - 1, (int)Math.Floor(value * cells * (1 + 1e-12)))]++;
        }

        return counts.All(c => c == 1);
    }

    /// <summary>
    /// The absolute error of the estimate of the mean of exp((x_1 + ... + x_5) / 5) over [0, 1]^5 from the points.
    /// </summary>
    public static double IntegrationError(IReadOnlyList<double[]> points)
    {
        var exact = Math.Pow(5 * (Math.Exp(0.2) - 1), 5);
        var sum = 0.0;
        foreach (var point in points)
        {
            sum += Math.Exp(point.Take(5).Sum() / 5);
        }

        return Math.Abs((sum / points.Count) - exact);
    }

    /// <summary>The same integration error for independent uniform points.</summary>
    public static double RandomIntegrationError(int count, int seed)
    {
        var random = new Random(seed);
        return IntegrationError([.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray())]);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

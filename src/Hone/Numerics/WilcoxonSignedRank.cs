using System.Collections.Concurrent;

namespace Hone.Numerics;

/// <summary>
/// The one-sided Wilcoxon signed-rank test of paired differences (Wilcoxon, "Individual Comparisons by Ranking
/// Methods", Biometrics Bulletin 1(6), 1945).
/// </summary>
/// <remarks>
/// Zero differences are ranked with the others and their ranks split evenly between the two signs (Pratt's "zsplit"),
/// so that a run of equal values counts as no evidence either way. The p-value is exact (the null distribution of the
/// positive rank sum, by counting sign patterns) for up to <see cref="ExactLimit"/> differences without ties or zeros;
/// otherwise it uses the normal approximation with the variance corrected for ties, without continuity correction.
/// </remarks>
internal static class WilcoxonSignedRank
{
    /// <summary>The most differences for which the p-value is exact.</summary>
    public const int ExactLimit = 50;

    private static readonly ConcurrentDictionary<int, double[]> UpperTails = new();

    /// <summary>The p-value of the hypothesis that the differences are centred on zero, against the alternative that
    /// they tend to be positive (<paramref name="greater"/>) or negative.</summary>
    /// <param name="differences">The paired differences, finite.</param>
    /// <param name="greater">The alternative: <see langword="true"/> for positive differences.</param>
    /// <returns>The p-value, in [0, 1]; 1 without differences.</returns>
    public static double PValue(ReadOnlySpan<double> differences, bool greater)
    {
        var n = differences.Length;
        if (n == 0)
        {
            return 1;
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var magnitudes = new double[n];
        for (var i = 0; i < n; i++)
        {
            magnitudes[i] = Math.Abs(differences[i]);
        }

        Array.Sort((double[])magnitudes.Clone(), order);

        // Average ranks over groups of equal magnitudes; the tie term sums t^3 - t over the groups.
        var positiveRanks = 0.0;
        var tieTerm = 0.0;
        var hasZero = false;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && magnitudes[order[end]] == magnitudes[order[start]])
            {
                end++;
            }

            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                var d = differences[order[k]];
                positiveRanks += d > 0 ? rank : d == 0 ? rank / 2 : 0;
                hasZero |= d == 0;
            }

            var t = (double)(end - start);
            tieTerm += (t * t * t) - t;
            start = end;
        }

        var statistic = greater ? positiveRanks : (n * (n + 1) / 2.0) - positiveRanks;
        if (n <= ExactLimit && tieTerm == 0 && !hasZero)
        {
            // Without ties every rank sum is an integer, and the two-tailed symmetry makes "less" the upper tail of T-.
            return UpperTail(n)[(int)Math.Round(statistic)];
        }

        var mean = n * (n + 1) / 4.0;
        var variance = ((n * (n + 1.0) * ((2.0 * n) + 1)) - (tieTerm / 2)) / 24;
        if (variance <= 0)
        {
            return 1;
        }

        return StandardNormal.Cdf((mean - statistic) / Math.Sqrt(variance));
    }

    /// <summary>P(T+ &gt;= t) for t = 0 .. n(n+1)/2 under the null hypothesis: every sign pattern equally likely.</summary>
    private static double[] UpperTail(int n) => UpperTails.GetOrAdd(n, static n =>
    {
        var max = n * (n + 1) / 2;

        // counts[s]: the subsets of ranks 1..n summing to s (exact in doubles: at most C(50, 25) < 2^53).
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
        {
            for (var s = max; s >= rank; s--)
            {
                counts[s] += counts[s - rank];
            }
        }

        var total = Math.Pow(2, n);
        var tail = new double[max + 2];
        for (var s = max; s >= 0; s--)
        {
            tail[s] = tail[s + 1] + (counts[s] / total);
        }

        return tail;
    });
}

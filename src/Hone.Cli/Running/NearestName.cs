namespace Hone.Cli.Running;

/// <summary>Finds the valid name closest to a misspelt one, for "did you mean" hints.</summary>
internal static class NearestName
{
    /// <summary>The candidate nearest to <paramref name="name"/> by edit distance, if it is near enough to be a likely typo.</summary>
    /// <param name="name">What the user wrote.</param>
    /// <param name="candidates">The valid names.</param>
    /// <returns>The nearest candidate, or <see langword="null"/> when none is within a third of the name's length (at least 2 edits).</returns>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = Math.Max(2, name.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>The hint sentence for a name: <c> Did you mean 'x'?</c>, or empty.</summary>
    /// <param name="name">What the user wrote.</param>
    /// <param name="candidates">The valid names.</param>
    /// <returns>The hint, with a leading space, or the empty string.</returns>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Find(name, candidates) is { } nearest ? $" Did you mean '{nearest}'?" : string.Empty;

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

namespace Hone.Numerics;

/// <summary>
/// Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix, with the solves and the inverse built on it.
/// Matrices are dense, n×n, row-major in one array; only the lower triangle of the input is read.
/// </summary>
/// <remarks>
/// Row-oriented (Cholesky–Banachiewicz): every inner loop is a dot product of two contiguous row prefixes, which
/// <see cref="VectorMath"/> runs with SIMD. Factorization, inverse and solves cost n³/6, n³/3 and n² multiply-adds.
/// </remarks>
internal static class Cholesky
{
    /// <summary>How many times <see cref="FactorWithJitter"/> raises the jitter before giving up.</summary>
    private const int JitterTries = 8;

    /// <summary>Factors <paramref name="a"/> in place; its lower triangle becomes L (the upper one is left as it was).</summary>
    /// <returns><see langword="false"/> when a pivot is not positive (or not a number): the matrix is not positive
    /// definite to working precision, and <paramref name="a"/> is left partly overwritten.</returns>
    public static bool TryFactor(Span<double> a, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var rowI = a.Slice(i * n, n);
            for (var j = 0; j < i; j++)
            {
                var rowJ = a.Slice(j * n, j);
                rowI[j] = (rowI[j] - VectorMath.Dot(rowI[..j], rowJ)) / a[(j * n) + j];
            }

            var pivot = rowI[i] - VectorMath.Dot(rowI[..i], rowI[..i]);
            if (!(pivot > 0))
            {
                return false;
            }

            rowI[i] = Math.Sqrt(pivot);
        }

        return true;
    }

    /// <summary>Factors <paramref name="matrix"/> into <paramref name="lower"/>, adding a growing jitter to the
    /// diagonal while the factorization fails (rounding makes near-singular kernel matrices indefinite).</summary>
    /// <param name="matrix">The matrix (lower triangle read); not changed.</param>
    /// <param name="lower">Receives L in its lower triangle.</param>
    /// <param name="n">The order.</param>
    /// <param name="jitter">The jitter added to the diagonal, 0 when none was needed.</param>
    /// <returns><see langword="false"/> when even the largest jitter failed (a matrix with non-finite entries).</returns>
    public static bool FactorWithJitter(ReadOnlySpan<double> matrix, Span<double> lower, int n, out double jitter)
    {
        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += matrix[(i * n) + i] / n;
        }

        jitter = 0;
        var next = 1e-10 * (meanDiagonal > 0 && double.IsFinite(meanDiagonal) ? meanDiagonal : 1);
        for (var attempt = 0; attempt <= JitterTries; attempt++)
        {
            for (var i = 0; i < n; i++)
            {
                matrix.Slice(i * n, i + 1).CopyTo(lower.Slice(i * n, i + 1));
                lower[(i * n) + i] += jitter;
            }

            if (TryFactor(lower, n))
            {
                return true;
            }

            jitter = next;
            next *= 10;
        }

        return false;
    }

    /// <summary>Solves L·x = b in place (forward substitution).</summary>
    public static void SolveLower(ReadOnlySpan<double> lower, int n, Span<double> b)
    {
        for (var i = 0; i < n; i++)
        {
            b[i] = (b[i] - VectorMath.Dot(lower.Slice(i * n, i), b[..i])) / lower[(i * n) + i];
        }
    }

    /// <summary>Solves Lᵀ·x = b in place (back substitution, column by column of Lᵀ, that is row by row of L).</summary>
    public static void SolveUpper(ReadOnlySpan<double> lower, int n, Span<double> b)
    {
        for (var i = n - 1; i >= 0; i--)
        {
            var xi = b[i] / lower[(i * n) + i];
            b[i] = xi;
            VectorMath.AddScaled(-xi, lower.Slice(i * n, i), b[..i]);
        }
    }

    /// <summary>Solves A·x = b in place, A = L·Lᵀ.</summary>
    public static void Solve(ReadOnlySpan<double> lower, int n, Span<double> b)
    {
        SolveLower(lower, n, b);
        SolveUpper(lower, n, b);
    }

    /// <summary>ln det A = 2·Σ ln L_ii.</summary>
    public static double LogDeterminant(ReadOnlySpan<double> lower, int n)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += Math.Log(lower[(i * n) + i]);
        }

        return 2 * sum;
    }

    /// <summary>Writes A⁻¹ = L⁻ᵀ·L⁻¹, full and symmetric, into <paramref name="inverse"/>.</summary>
    /// <param name="lower">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="inverse">Receives A⁻¹ (n×n).</param>
    /// <param name="scratch">n×n scratch space.</param>
    public static void Inverse(ReadOnlySpan<double> lower, int n, Span<double> inverse, Span<double> scratch)
    {
        // Row j of the scratch holds column j of L⁻¹, whose entries k >= j are the non-zero ones: every product below is
        // then a dot of contiguous runs.
        for (var j = 0; j < n; j++)
        {
            var column = scratch.Slice(j * n, n);
            column[j] = 1 / lower[(j * n) + j];
            for (var i = j + 1; i < n; i++)
            {
                var row = lower.Slice((i * n) + j, i - j);
                column[i] = -VectorMath.Dot(row, column[j..i]) / lower[(i * n) + i];
            }
        }

        for (var a = 0; a < n; a++)
        {
            var columnA = scratch.Slice(a * n, n);
            for (var b = 0; b <= a; b++)
            {
                var value = VectorMath.Dot(columnA[a..], scratch.Slice((b * n) + a, n - a));
                inverse[(a * n) + b] = value;
                inverse[(b * n) + a] = value;
            }
        }
    }
}

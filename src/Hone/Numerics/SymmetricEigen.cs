namespace Hone.Numerics;

/// <summary>Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method.</summary>
/// <remarks>
/// Plane rotations zero the off-diagonal entries one after another until the matrix is diagonal to working precision
/// (Golub and Van Loan, Matrix Computations, 4th ed., section 8.5). About 2n³ operations per sweep and a handful of
/// sweeps: ample for the small, dense matrices of Hone's samplers, accurate even for tiny eigenvalues, and free of any
/// dependency.
/// </remarks>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 64;

    /// <summary>Decomposes <c>A = V · diag(values) · Vᵀ</c>.</summary>
    /// <param name="matrix">The symmetric matrix, n × n, row-major; only read (its two triangles are averaged).</param>
    /// <param name="n">The order of the matrix.</param>
    /// <param name="values">Receives the n eigenvalues, in no particular order.</param>
    /// <param name="vectors">Receives V, n × n row-major: column j is the unit eigenvector of <c>values[j]</c>.</param>
    /// <param name="guess">Optional orthogonal n × n matrix whose columns are close to the eigenvectors, such as the
    /// vectors of a slightly different earlier matrix: the method then starts from Gᵀ·A·G, which is nearly diagonal,
    /// and needs far fewer sweeps.</param>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> values, Span<double> vectors, ReadOnlySpan<double> guess = default)
    {
        if (matrix.Length != n * n || vectors.Length != n * n || values.Length != n || !(guess.IsEmpty || guess.Length == n * n))
        {
            throw new ArgumentException($"Decompose needs an {n} x {n} matrix, {n} values and {n} x {n} vector and guess buffers.");
        }

        // Small matrices (the samplers' usual ones) are worked on the stack: a decomposition then allocates nothing.
        var size = n * n;
        var onStack = size <= 1024;
        Span<double> a = onStack ? stackalloc double[size] : new double[size];
        for (var i = 0; i < n; i++)
        {
            a[(i * n) + i] = matrix[(i * n) + i];
            for (var j = i + 1; j < n; j++)
            {
                var mean = 0.5 * (matrix[(i * n) + j] + matrix[(j * n) + i]);
                a[(i * n) + j] = mean;
                a[(j * n) + i] = mean;
            }
        }

        if (guess.IsEmpty)
        {
            vectors.Clear();
            for (var i = 0; i < n; i++)
            {
                vectors[(i * n) + i] = 1;
            }
        }
        else
        {
            guess.CopyTo(vectors);
            Span<double> scratch = onStack ? stackalloc double[size] : new double[size];
            Congruence(a, guess, n, scratch);
        }

        for (var sweep = 0; sweep < MaxSweeps && !IsDiagonal(a, n); sweep++)
        {
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, vectors, n, p, q);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            values[i] = a[(i * n) + i];
        }
    }

    /// <summary>Replaces a symmetric A by Gᵀ·A·G, kept exactly symmetric.</summary>
    /// <param name="a">A, n × n; overwritten with the result.</param>
    /// <param name="g">G, n × n.</param>
    /// <param name="n">The order.</param>
    /// <param name="ag">Scratch space of n × n.</param>
    private static void Congruence(Span<double> a, ReadOnlySpan<double> g, int n, Span<double> ag)
    {
        ag.Clear();
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[(i * n) + k];
                if (aik == 0)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    ag[(i * n) + j] += aik * g[(k * n) + j];
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += g[(k * n) + i] * ag[(k * n) + j];
                }

                a[(i * n) + j] = sum;
                a[(j * n) + i] = sum;
            }
        }
    }

    /// <summary>Whether the off-diagonal mass is negligible next to the whole matrix.</summary>
    private static bool IsDiagonal(ReadOnlySpan<double> a, int n)
    {
        double off = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            total += a[(i * n) + i] * a[(i * n) + i];
            for (var j = i + 1; j < n; j++)
            {
                var x = a[(i * n) + j];
                off += x * x;
            }
        }

        total += 2 * off;
        return off <= 1e-30 * total;
    }

    /// <summary>Applies the rotation in the (p, q) plane that zeroes <c>a[p, q]</c>: A ← JᵀAJ, V ← VJ.</summary>
    private static void Rotate(Span<double> a, Span<double> v, int n, int p, int q)
    {
        var apq = a[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        var app = a[(p * n) + p];
        var aqq = a[(q * n) + q];

        // An entry too small to change either diagonal entry in working precision is dropped rather than rotated away
        // (Rutishauser's test), which saves most rotations once the matrix is nearly diagonal.
        var small = 100 * Math.Abs(apq);
        if (Math.Abs(app) + small == Math.Abs(app) && Math.Abs(aqq) + small == Math.Abs(aqq))
        {
            a[(p * n) + q] = 0;
            a[(q * n) + p] = 0;
            return;
        }

        // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle at most π/4, which makes the method converge.
        var theta = (aqq - app) / (2 * apq);
        var t = double.IsFinite(theta * theta)
            ? Math.CopySign(1, theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1))
            : 0.5 / theta;
        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;

        for (var k = 0; k < n; k++)
        {
            var akp = a[(k * n) + p];
            var akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[(p * n) + k];
            var aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }

        a[(p * n) + q] = 0;
        a[(q * n) + p] = 0;

        for (var k = 0; k < n; k++)
        {
            var vkp = v[(k * n) + p];
            var vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }
}

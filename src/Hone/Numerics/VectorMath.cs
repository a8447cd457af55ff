using System.Numerics;
using System.Runtime.InteropServices;

namespace Hone.Numerics;

/// <summary>SIMD dot products and updates over spans of doubles, the inner loops of the dense linear algebra.</summary>
internal static class VectorMath
{
    /// <summary>The sum of x[i]·y[i] over the shorter length of the two.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = Math.Min(x.Length, y.Length);
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);

            // Two accumulators hide the latency of the fused multiply-add.
            var a0 = Vector<double>.Zero;
            var a1 = Vector<double>.Zero;
            var k = 0;
            for (; k + 1 < vx.Length; k += 2)
            {
                a0 = Vector.FusedMultiplyAdd(vx[k], vy[k], a0);
                a1 = Vector.FusedMultiplyAdd(vx[k + 1], vy[k + 1], a1);
            }

            if (k < vx.Length)
            {
                a0 = Vector.FusedMultiplyAdd(vx[k], vy[k], a0);
            }

            sum = Vector.Sum(a0 + a1);
            i = vx.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(x[i], y[i], sum);
        }

        return sum;
    }

    /// <summary>y[i] += a·x[i] for every i of <paramref name="y"/> (x at least as long).</summary>
    public static void AddScaled(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = y.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(a);
            for (var k = 0; k < vy.Length; k++)
            {
                vy[k] = Vector.FusedMultiplyAdd(va, vx[k], vy[k]);
            }

            i = vy.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] = Math.FusedMultiplyAdd(a, x[i], y[i]);
        }
    }
}

namespace Hone.Numerics;

/// <summary>A function to minimize: returns f(x) and writes its gradient.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Receives ∇f(x).</param>
/// <returns>f(x); a non-finite value marks a point to step back from.</returns>
internal delegate double GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>
/// Limited-memory BFGS for a smooth function on a box: the two-loop recursion (Nocedal 1980) on the free variables,
/// steps projected onto the box, and a backtracking Armijo line search along the projected path.
/// </summary>
/// <remarks>
/// Hone keeps its own rather than MathNet.Numerics' minimizers because it runs thousands of short, warm-started
/// minimizations per study: this one reuses its buffers (no allocation per evaluation), never throws when it runs out
/// of iterations or a line search stalls (it returns the best point so far), steps back from non-finite values, and
/// is deterministic. Variables a bound holds with the gradient pushing outward stay fixed for the step
/// (a simplified form of the active set of L-BFGS-B, Byrd et al. 1995). Not thread-safe: one instance per caller.
/// </remarks>
internal sealed class BoundedLbfgs
{
    private const double Armijo = 1e-4;
    private const int MaxBacktracks = 30;
    private readonly int _memory;
    private double[][] _s = [];
    private double[][] _y = [];
    private double[] _rho = [];
    private double[] _alpha = [];
    private double[] _gradient = [];
    private double[] _nextX = [];
    private double[] _nextGradient = [];
    private double[] _direction = [];
    private int _dimension = -1;

    /// <summary>Creates a minimizer.</summary>
    /// <param name="memory">How many correction pairs to keep.</param>
    public BoundedLbfgs(int memory = 8) => _memory = memory;

    /// <summary>Minimizes <paramref name="function"/> over the box from <paramref name="x"/>.</summary>
    /// <param name="function">The function and its gradient.</param>
    /// <param name="x">The start (projected onto the box first); receives the best point found.</param>
    /// <param name="lower">Lower bounds.</param>
    /// <param name="upper">Upper bounds.</param>
    /// <param name="maxIterations">The most iterations (each one or more evaluations).</param>
    /// <param name="gradientTolerance">Stop when every projected gradient component is smaller.</param>
    /// <param name="relativeTolerance">Stop when an iteration lowers f by less than this, relative to |f|.</param>
    /// <returns>f at the returned point (+∞ when no evaluated point was finite).</returns>
    public double Minimize(
        GradientFunction function,
        Span<double> x,
        ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper,
        int maxIterations,
        double gradientTolerance = 1e-5,
        double relativeTolerance = 1e-9)
    {
        var n = x.Length;
        Prepare(n);
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }

        var g = _gradient.AsSpan(0, n);
        var f = function(x, g);
        if (!double.IsFinite(f) || !AllFinite(g))
        {
            return double.IsNaN(f) ? double.PositiveInfinity : f;
        }

        var stored = 0;
        var newest = -1;
        var d = _direction.AsSpan(0, n);
        var xn = _nextX.AsSpan(0, n);
        var gn = _nextGradient.AsSpan(0, n);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // Projected gradient: a variable held by a bound that the gradient pushes against cannot move.
            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                var active = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
                d[i] = active ? 0 : -g[i];
                largest = Math.Max(largest, Math.Abs(d[i]));
            }

            if (largest < gradientTolerance)
            {
                break;
            }

            if (stored > 0)
            {
                TwoLoop(d, stored, newest);
                for (var i = 0; i < n; i++)
                {
                    if ((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0))
                    {
                        d[i] = 0;
                    }
                }
            }

            var slope = VectorMath.Dot(d, g);
            if (!(slope < 0))
            {
                // The curvature pairs point uphill here: forget them and take the projected steepest descent.
                stored = 0;
                slope = 0;
                for (var i = 0; i < n; i++)
                {
                    var active = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
                    d[i] = active ? 0 : -g[i];
                    slope -= d[i] * d[i];
                }
            }

            // Without curvature information the first step is scaled to move no variable by more than 1/10 of the box.
            var step = 1.0;
            if (stored == 0)
            {
                var widest = 0.0;
                for (var i = 0; i < n; i++)
                {
                    widest = Math.Max(widest, Math.Abs(d[i]) / Math.Max(upper[i] - lower[i], 1e-12));
                }

                step = Math.Min(1, 0.1 / widest);
            }

            var accepted = false;
            var fn = 0.0;
            for (var backtrack = 0; backtrack < MaxBacktracks; backtrack++)
            {
                var moved = false;
                var decrease = 0.0;
                for (var i = 0; i < n; i++)
                {
                    xn[i] = Math.Clamp(x[i] + (step * d[i]), lower[i], upper[i]);
                    moved |= xn[i] != x[i];
                    decrease += g[i] * (xn[i] - x[i]);
                }

                if (!moved)
                {
                    break;
                }

                fn = function(xn, gn);
                if (double.IsFinite(fn) && AllFinite(gn) && fn <= f + (Armijo * decrease))
                {
                    accepted = true;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                if (stored == 0)
                {
                    break;
                }

                stored = 0;
                continue;
            }

            // Curvature pair, kept only when positive so that the inverse Hessian estimate stays positive definite.
            var slot = (newest + 1) % _memory;
            var s = _s[slot];
            var y = _y[slot];
            for (var i = 0; i < n; i++)
            {
                s[i] = xn[i] - x[i];
                y[i] = gn[i] - g[i];
            }

            var sy = VectorMath.Dot(s.AsSpan(0, n), y.AsSpan(0, n));
            if (sy > 1e-12 * VectorMath.Dot(y.AsSpan(0, n), y.AsSpan(0, n)))
            {
                _rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.Min(stored + 1, _memory);
            }
            else
            {
                // The slot held the oldest pair, now overwritten.
                stored = Math.Min(stored, _memory - 1);
            }

            var improvement = f - fn;
            xn.CopyTo(x);
            gn.CopyTo(g);
            f = fn;
            if (improvement <= relativeTolerance * Math.Max(Math.Abs(f), 1))
            {
                break;
            }
        }

        return f;
    }

    /// <summary>Replaces d with H·d, H the inverse Hessian estimate of the stored pairs.</summary>
    private void TwoLoop(Span<double> d, int stored, int newest)
    {
        var n = d.Length;
        for (var k = 0; k < stored; k++)
        {
            var j = (newest - k + _memory) % _memory;
            _alpha[j] = _rho[j] * VectorMath.Dot(_s[j].AsSpan(0, n), d);
            VectorMath.AddScaled(-_alpha[j], _y[j], d);
        }

        var yy = VectorMath.Dot(_y[newest].AsSpan(0, n), _y[newest].AsSpan(0, n));
        var gamma = 1 / (_rho[newest] * yy);
        for (var i = 0; i < n; i++)
        {
            d[i] *= gamma;
        }

        for (var k = stored - 1; k >= 0; k--)
        {
            var j = (newest - k + _memory) % _memory;
            var beta = _rho[j] * VectorMath.Dot(_y[j].AsSpan(0, n), d);
            VectorMath.AddScaled(_alpha[j] - beta, _s[j], d);
        }
    }

    private void Prepare(int n)
    {
        if (n == _dimension)
        {
            return;
        }

        _dimension = n;
        _s = new double[_memory][];
        _y = new double[_memory][];
        for (var k = 0; k < _memory; k++)
        {
            _s[k] = new double[n];
            _y[k] = new double[n];
        }

        _rho = new double[_memory];
        _alpha = new double[_memory];
        _gradient = new double[n];
        _nextX = new double[n];
        _nextGradient = new double[n];
        _direction = new double[n];
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}

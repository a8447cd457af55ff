using System.Globalization;
using Hone.Trials;

namespace Hone.Bench.Problems;

/// <summary>
/// A multi-objective test problem of the benchmark: real parameters <c>x0, x1, ...</c>, each uniform on its own
/// interval, several minimized objectives and, for a constrained problem, constraint values (&lt;= 0 when satisfied).
/// </summary>
/// <remarks>
/// As with <see cref="Functions.BenchFunction"/>, the objective is split so that the suite can time the problem apart
/// from the framework: <see cref="Suggest"/> asks the trial for every parameter, <see cref="Values"/> computes the
/// objectives. bench/peers/optuna_mo_suite.py defines the same problems for Optuna; <c>mo-problems --check</c> compares
/// the two.
/// </remarks>
internal abstract class MoProblem
{
    private readonly string[] _names;
    private readonly double[] _lows;
    private readonly double[] _highs;

    protected MoProblem(double[] lows, double[] highs)
    {
        _names = [.. Enumerable.Range(0, lows.Length).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture))];
        _lows = lows;
        _highs = highs;
    }

    /// <summary>The name used on the command line and in the results.</summary>
    public abstract string Name { get; }

    /// <summary>The number of parameters.</summary>
    public int Dimension => _names.Length;

    /// <summary>The number of objectives, all minimized.</summary>
    public abstract int Objectives { get; }

    /// <summary>The number of constraints; 0 for an unconstrained problem.</summary>
    public virtual int Constraints => 0;

    /// <summary>Trials per run at budget scale 1, for every sampler but TPE.</summary>
    public abstract int Budget { get; }

    /// <summary>Trials per run at budget scale 1 for the TPE samplers (<c>tpe*</c>).</summary>
    /// <remarks>
    /// MOTPE is meant for expensive objectives and small budgets, and Optuna 3.1's costs about half a second per trial
    /// by 250 trials of a 30-variable problem, so its runs get a budget of their own: comparisons are within a sampler
    /// family, each at the same budget on both sides.
    /// </remarks>
    public virtual int TpeBudget => 200;

    /// <summary>The budget of a sampler at budget scale 1.</summary>
    public int BudgetFor(string sampler) => sampler.StartsWith("tpe", StringComparison.Ordinal) ? TpeBudget : Budget;

    /// <summary>Where the definition comes from.</summary>
    public abstract string Source { get; }

    /// <summary>The search space in words, for the listing.</summary>
    public string Space =>
        _lows.Distinct().Count() == 1 && _highs.Distinct().Count() == 1
            ? string.Create(CultureInfo.InvariantCulture, $"x0..x{_names.Length - 1} in [{_lows[0]}, {_highs[0]}]")
            : string.Join(", ", _names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n} in [{_lows[i]}, {_highs[i]}]")));

    /// <summary>Suggests every parameter of one trial.</summary>
    public double[] Suggest(Trial trial)
    {
        var point = new double[_names.Length];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = trial.SuggestFloat(_names[i], _lows[i], _highs[i]);
        }

        return point;
    }

    /// <summary>The point of a finished trial's parameters.</summary>
    public double[] Point(FrozenTrial trial) => [.. _names.Select(n => (double)trial.Params[n]!)];

    /// <summary>The objective values at the numbers <see cref="Suggest"/> returned.</summary>
    public abstract double[] Values(double[] point);

    /// <summary>The constraint values at a point: one per constraint, &lt;= 0 when satisfied.</summary>
    public virtual double[] ConstraintValues(double[] point) => [];

    /// <summary>The same bound repeated for every dimension.</summary>
    protected static double[] Repeat(double value, int dimension) => [.. Enumerable.Repeat(value, dimension)];
}

using Hone.Trials;

namespace Hone.Bench.Functions;

/// <summary>A test function of the sampler benchmark: its search space, its value and its known minimum.</summary>
/// <remarks>
/// The objective is split in two so that the suite can time the function apart from the framework:
/// <see cref="Suggest"/> asks the trial for every parameter (framework and sampler time) and returns them as numbers
/// (a categorical as the index of its choice), <see cref="Value"/> computes the result from them (objective time).
/// bench/peers/optuna_suite.py defines the same functions for Optuna; <c>functions --check</c> compares the two.
/// </remarks>
internal abstract class BenchFunction
{
    /// <summary>The name used on the command line and in the results.</summary>
    public abstract string Name { get; }

    /// <summary>How many parameters one trial suggests (for a conditional space, the largest branch's count).</summary>
    public abstract int Dimension { get; }

    /// <summary>The search space in words, for the listing.</summary>
    public abstract string Space { get; }

    /// <summary>The smallest value the function takes on its space; simple regret is the best value minus this.</summary>
    public abstract double KnownMinimum { get; }

    /// <summary>A point where the function takes <see cref="KnownMinimum"/>, as the objective's suggestions return it.</summary>
    public abstract IReadOnlyDictionary<string, object?> Minimizer { get; }

    /// <summary>Where the definition and its minimum come from.</summary>
    public abstract string Source { get; }

    /// <summary>Trials per run at budget scale 1.</summary>
    public virtual int Budget => 100;

    /// <summary>Suggests every parameter of one trial.</summary>
    public abstract double[] Suggest(Trial trial);

    /// <summary>The function's value at the numbers <see cref="Suggest"/> returned.</summary>
    public abstract double Value(double[] point);

    /// <summary>The whole objective: suggest, then compute.</summary>
    public double Evaluate(Trial trial) => Value(Suggest(trial));
}

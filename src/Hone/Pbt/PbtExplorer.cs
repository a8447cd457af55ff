using System.Globalization;
using Hone.Distributions;
using Hone.Samplers;
using Hone.SearchSpaces;
using Hone.Trials;

namespace Hone.Pbt;

/// <summary>
/// Draws hyperparameters for population-based training: uniformly over the search space for a new member, and by the
/// explore step for a member that copied another (Jaderberg et al. 2017, section 3.2: perturb or resample).
/// </summary>
/// <remarks>Walks the space in declaration order, so conditional parameters exist exactly when their condition holds.
/// Not thread-safe: the run calls it under its lock.</remarks>
internal sealed class PbtExplorer(SearchSpace space, IReadOnlyList<double> factors, double resampleProbability, Random random)
{
    /// <summary>Hyperparameters drawn uniformly over the space.</summary>
    public ParameterSet Sample()
    {
        var entries = new List<(string, Distribution, double)>();
        var external = new Dictionary<string, object?>();
        foreach (var parameter in space.Parameters)
        {
            if (IsActive(parameter, external))
            {
                var value = RandomSampler.Sample(random, parameter.Distribution);
                entries.Add((parameter.Name, parameter.Distribution, value));
                external[parameter.Name] = parameter.Distribution.ToExternal(value);
            }
        }

        return ParameterSet.Create(entries);
    }

    /// <summary>The explore step: each hyperparameter of <paramref name="parent"/> perturbed, or resampled with the
    /// resample probability; a parameter the parent lacks (its condition now holds) is drawn afresh.</summary>
    /// <param name="parent">The copied member's hyperparameters.</param>
    /// <returns>The new hyperparameters and what was done to each.</returns>
    public (ParameterSet Params, Dictionary<string, string> Steps) Explore(ParameterSet parent)
    {
        var entries = new List<(string, Distribution, double)>();
        var external = new Dictionary<string, object?>();
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            if (!IsActive(parameter, external))
            {
                continue;
            }

            var distribution = parameter.Distribution;
            double value;
            if (!parent.TryGet(parameter.Name, out var own, out var old) || !own.Equals(distribution))
            {
                value = RandomSampler.Sample(random, distribution);
                steps[parameter.Name] = "new";
            }
            else if (distribution.IsSingle())
            {
                value = old;
                steps[parameter.Name] = "kept";
            }
            else if (random.NextDouble() < resampleProbability)
            {
                value = RandomSampler.Sample(random, distribution);
                steps[parameter.Name] = "resampled";
            }
            else
            {
                (value, steps[parameter.Name]) = Perturb(distribution, old);
            }

            entries.Add((parameter.Name, distribution, value));
            external[parameter.Name] = distribution.ToExternal(value);
        }

        return (ParameterSet.Create(entries), steps);
    }

    /// <summary>A real value times a factor drawn from the list, clamped into its range; an integer or a choice one step
    /// up or down (the other way at a bound).</summary>
    private (double Value, string Step) Perturb(Distribution distribution, double value)
    {
        switch (distribution)
        {
            case FloatDistribution f:
                var factor = factors[random.Next(factors.Count)];
                return (f.Round(Math.Clamp(value * factor, f.Low, f.High)), "x" + factor.ToString(CultureInfo.InvariantCulture));
            case IntDistribution i:
                var step = Direction(value - i.Step >= i.Low, value + i.Step <= i.High) * i.Step;
                return (value + step, step > 0 ? "+" + step.ToString(CultureInfo.InvariantCulture) : step.ToString(CultureInfo.InvariantCulture));
            case CategoricalDistribution c:
                var move = Direction(value >= 1, value <= c.Choices.Count - 2);
                return (value + move, move > 0 ? "+1" : "-1");
            default:
                throw new NotSupportedException($"Population-based training cannot explore a {distribution.GetType().Name}.");
        }
    }

    /// <summary>+1 or −1 at random, or the only way open.</summary>
    private int Direction(bool canGoDown, bool canGoUp) =>
        canGoDown && canGoUp ? (random.Next(2) == 0 ? -1 : 1) : canGoUp ? 1 : -1;

    private static bool IsActive(SearchSpaceParameter parameter, Dictionary<string, object?> external) =>
        parameter.Condition is not { } condition
        || (external.TryGetValue(condition.Parameter, out var parentValue) && condition.IsMetBy(parentValue));
}

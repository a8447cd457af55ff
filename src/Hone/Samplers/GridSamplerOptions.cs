using Hone.SearchSpaces;

namespace Hone.Samplers;

/// <summary>Options of a <see cref="GridSampler"/>; checked when the sampler is built. Give a <see cref="Grid"/>, a
/// <see cref="SearchSpace"/>, or both.</summary>
public sealed class GridSamplerOptions
{
    /// <summary>The values to try for each parameter, as the objective's <c>Suggest</c> calls return them (numbers,
    /// strings, booleans, enums or <see langword="null"/>). Alone, the grid is every combination of them. With a
    /// <see cref="SearchSpace"/>, it gives or overrides the values of the parameters it names.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<object?>>? Grid { get; set; }

    /// <summary>A declared search space whose every value of each int, categorical and stepped float parameter
    /// enters the grid; a float without a step needs its values in <see cref="Grid"/>. Conditions are kept: a grid point
    /// names a conditional parameter only where its condition holds, so no configuration is evaluated twice.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public SearchSpace? SearchSpace { get; set; }

    /// <summary>Whether to visit the grid points in a random order (drawn from <see cref="Seed"/>) rather than in
    /// order, the last parameter varying fastest. A random order gives a fair picture of the space if the study stops
    /// early.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool Shuffle { get; set; }

    /// <summary>The seed of the shuffled order.</summary>
    /// <value>Default <see langword="null"/>: a random order each run (when <see cref="Shuffle"/> is set).</value>
    public int? Seed { get; set; }

    /// <summary>Whether a complete trial that never suggested a parameter its grid point names is an error, so that a
    /// misspelt or forgotten name is noticed after the first trial. The trial is then stored as failed and
    /// <c>Optimize</c> throws <see cref="InvalidOperationException"/>. Turn it off for an objective with branches
    /// given a plain <see cref="Grid"/>, or describe the branches by conditions in a <see cref="SearchSpace"/>.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RequireEveryParameter { get; set; } = true;
}

using Hone.Distributions;

namespace Hone.SearchSpaces;

/// <summary>One parameter of a declarative <see cref="SearchSpace"/>.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Distribution">Its distribution.</param>
/// <param name="Condition">When it exists; <see langword="null"/> for always.</param>
public sealed record SearchSpaceParameter(string Name, Distribution Distribution, ParameterCondition? Condition = null);

using Hone.SearchSpaces;

namespace Hone.Cli.Running;

/// <summary>What a sampler or pruner factory may need from the study file besides its own options.</summary>
/// <param name="SearchSpace">The declared search space (a grid sampler enumerates it).</param>
/// <param name="Objectives">How many objectives the study has (a single-objective pruner refuses several).</param>
internal sealed record ComponentContext(SearchSpace SearchSpace, int Objectives);

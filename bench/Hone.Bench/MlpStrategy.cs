using Hone.Studies;

namespace Hone.Bench;

/// <summary>One way of searching the digits MLP's space in the <c>mlp</c> benchmark.</summary>
/// <param name="Name">The name the command line and the results use.</param>
/// <param name="Budget">What the strategy is held to.</param>
/// <param name="Run">Runs one search and returns its study, maximizing the validation accuracy: every trial reports
/// its accuracy after each epoch it trained (step = epoch), which is how the benchmark counts the epochs used.</param>
/// <param name="Retrainable">Whether a complete trial trained its network from scratch with its own parameters and
/// the objective's seed, so that training them again gives the same network (false for population-based training,
/// whose members start from other members' weights).</param>
internal sealed record MlpStrategy(string Name, MlpBudget Budget, Func<MlpRunSettings, Task<Study>> Run, bool Retrainable = true);

using Hone.Studies;

namespace Hone.Bench;

/// <summary>One way of searching the digits MLP's space in the <c>mlp</c> benchmark.</summary>
/// <param name="Name">The name the command line and the results use.</param>
/// <param name="Budget">What the strategy is held to.</param>
/// <param name="Run">Runs one search, maximizing the validation accuracy: every trial of its study reports its accuracy
/// after each epoch it trained (step = epoch), which is how the benchmark counts the epochs used.</param>
internal sealed record MlpStrategy(string Name, MlpBudget Budget, Func<MlpRunSettings, Task<MlpSearch>> Run);

using DigitsMlp.Training;
using Hone.Studies;

namespace Hone.Bench;

/// <summary>What one search of the <c>mlp</c> benchmark leaves behind.</summary>
/// <param name="Study">Its study.</param>
/// <param name="Network">The network the search ends with, and its last validation accuracy, for a search whose pick
/// no trial can train again from scratch (population-based training's best member, grown from other members'
/// weights); <see langword="null"/> when the pick is the best complete trial, which trains again from its parameters
/// and seed.</param>
internal sealed record MlpSearch(Study Study, (MlpTrainer Trainer, double Validation)? Network = null);

namespace Hone.Pruners;

/// <summary>
/// Marks a built-in pruner that judges one objective value per step, so that a study with several objectives refuses
/// it when it is created rather than at the first <see cref="Trials.Trial.ShouldPrune"/>.
/// </summary>
/// <remarks>Internal on purpose: a user's own pruner is trusted to handle the studies it is given.</remarks>
internal interface ISingleObjectivePruner : IPruner;

using Hone.Trials;

namespace Hone.Pbt;

/// <summary>A member of the population at the end of a run.</summary>
/// <typeparam name="TCheckpoint">The members' checkpoint type.</typeparam>
/// <param name="Member">The member's slot in the population.</param>
/// <param name="Model">The member object, holding the trained state.</param>
/// <param name="Trial">Its last segment, complete, with the final score as its value.</param>
/// <param name="Score">The final score.</param>
/// <param name="Hyperparameters">The hyperparameters of its last segment.</param>
/// <param name="Checkpoint">The checkpoint saved after its last interval.</param>
public sealed record PbtMemberResult<TCheckpoint>(
    int Member,
    IPbtMember<TCheckpoint> Model,
    FrozenTrial Trial,
    double Score,
    ParameterSet Hyperparameters,
    TCheckpoint Checkpoint);

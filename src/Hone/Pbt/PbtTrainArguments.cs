using Hone.Trials;

namespace Hone.Pbt;

/// <summary>What <see cref="IPbtMember{TCheckpoint}.TrainAsync"/> needs to train one interval.</summary>
/// <param name="Member">The member's slot in the population, from 0.</param>
/// <param name="Step">How many steps the member has trained so far; a member that copies another keeps its own count.</param>
/// <param name="Steps">How many steps to train now: the interval, or what is left of the total.</param>
/// <param name="Hyperparameters">The hyperparameters to train with, as external values by name
/// (<c>(double)arguments.Hyperparameters["lr"]!</c>).</param>
/// <param name="TrialNumber">The number of the trial that records this stretch of the member's training.</param>
public readonly record struct PbtTrainArguments(int Member, int Step, int Steps, ParameterSet Hyperparameters, int TrialNumber);

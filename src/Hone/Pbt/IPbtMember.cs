namespace Hone.Pbt;

/// <summary>
/// One member of a population-based training run: a model being trained, with its weights, that can train a few steps
/// with given hyperparameters, save a checkpoint of its state and restore another member's checkpoint.
/// </summary>
/// <typeparam name="TCheckpoint">What a checkpoint is: a copy of the weights, a file path, a byte array.</typeparam>
/// <remarks>
/// <para><see cref="PopulationBasedTraining"/> creates one member per slot of the population and calls it from one
/// thread at a time: <see cref="TrainAsync"/> then <see cref="SaveAsync"/> at every interval, and
/// <see cref="RestoreAsync"/> when the member copies another one (or restarts after a failure, on a fresh member).
/// Different members run in parallel with <see cref="PopulationBasedTrainingOptions.Parallelism"/> above 1.</para>
/// <para>A checkpoint must be a snapshot: training its member further must not change it, and restoring it into other
/// members, possibly at the same time, must not change it either. PBT keeps the latest checkpoint of each member and
/// drops it when the member saves a newer one; files behind checkpoints are the caller's to delete.</para>
/// <para>An exception thrown by any of these methods, or a score that is not a finite number, fails the member: its
/// current trial is stored as failed with the message, and the slot restarts from a top member's checkpoint while the
/// rest of the population goes on, on a new member object. PBT disposes of no member: the final ones are returned in
/// <see cref="PbtResult{TCheckpoint}.Population"/>.</para>
/// </remarks>
public interface IPbtMember<TCheckpoint>
{
    /// <summary>Trains <see cref="PbtTrainArguments.Steps"/> steps with the given hyperparameters, then evaluates.</summary>
    /// <param name="arguments">The hyperparameters, the steps so far and the steps to train.</param>
    /// <param name="cancellationToken">Cancelled when the run is.</param>
    /// <returns>The score after these steps (a validation accuracy or loss), in the direction of the study.</returns>
    Task<double> TrainAsync(PbtTrainArguments arguments, CancellationToken cancellationToken);

    /// <summary>Saves the member's current state.</summary>
    /// <param name="cancellationToken">Cancelled when the run is.</param>
    /// <returns>A checkpoint that later training does not change.</returns>
    Task<TCheckpoint> SaveAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the member's state with a checkpoint another member saved.</summary>
    /// <param name="checkpoint">The checkpoint; not to be changed.</param>
    /// <param name="cancellationToken">Cancelled when the run is.</param>
    /// <returns>A task that completes when the state is restored.</returns>
    Task RestoreAsync(TCheckpoint checkpoint, CancellationToken cancellationToken);
}

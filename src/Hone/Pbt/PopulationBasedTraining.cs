using System.Globalization;
using Hone.SearchSpaces;
using Hone.Studies;

namespace Hone.Pbt;

/// <summary>
/// Population-based training (Jaderberg et al., "Population Based Training of Neural Networks", 2017): a population of
/// models trains side by side; at every interval a member in the bottom of the population copies the weights and
/// hyperparameters of one in the top (exploit) and perturbs or resamples those hyperparameters (explore), so that the
/// population follows a hyperparameter schedule that no fixed configuration has.
/// </summary>
/// <remarks>
/// <para><b>Use.</b> Implement <see cref="IPbtMember{TCheckpoint}"/> for one model (train a few steps and return the
/// validation score; save and restore a checkpoint), declare the hyperparameters to explore as a
/// <see cref="SearchSpace"/>, and run:
/// <c>var result = await new PopulationBasedTraining(new() { PopulationSize = 8, TotalSteps = 40, Interval = 4 }).RunAsync(study, space, slot =&gt; new MyMember(slot));</c>
/// then use <c>result.Best.Model</c>. Only hyperparameters that can change while training belong in the space (learning
/// rate, momentum, regularization): members copy one another's weights, so they share one architecture.</para>
/// <para><b>Schedule.</b> Each member starts from scratch with hyperparameters drawn uniformly from the space and trains
/// <see cref="PopulationBasedTrainingOptions.Interval"/> steps at a time, after which it is evaluated (the score
/// <see cref="IPbtMember{TCheckpoint}.TrainAsync"/> returns) and saved. Once every member has a score, a member that
/// ranks in the bottom <see cref="PopulationBasedTrainingOptions.ExploitFraction"/> by the latest scores restores the
/// latest checkpoint of a member drawn from the top as many and explores its hyperparameters: each
/// resampled with <see cref="PopulationBasedTrainingOptions.ResampleProbability"/>, otherwise a real one multiplied by
/// a factor from <see cref="PopulationBasedTrainingOptions.PerturbationFactors"/> and an integer or a choice moved to a
/// neighbour. A member keeps its own step count when it copies another and finishes at
/// <see cref="PopulationBasedTrainingOptions.TotalSteps"/>, so the run trains <c>PopulationSize·TotalSteps</c> steps in
/// all (plus what failures cost): the compute of as many independent trials. With
/// <see cref="PopulationBasedTrainingOptions.Parallelism"/> above 1 members train at once and decide asynchronously, each
/// against the others' latest scores; the least trained member always trains next, so they stay within an interval of
/// one another.</para>
/// <para><b>Records.</b> Each stretch of a member's training with one set of hyperparameters is a trial of the study,
/// started by the run itself (the study's sampler and pruner take no part): its parameters are the hyperparameters, it
/// reports the score at the member's step after every interval, and its system attributes (<c>pbt:*</c>) hold the
/// lineage: the member, why the stretch started, the step it started at, the trial it copied and its hyperparameters
/// before the explore step. A stretch ends pruned when the member copies another, failed when the member fails, complete
/// with the final score at the total steps, so <see cref="Study.BestTrial"/> is the best final member.
/// <see cref="PbtLineage.Read"/> reads the lineage back from any storage and exports it.</para>
/// <para><b>Resume.</b> Checkpoints are the members' own objects, so by default a run that stops (its process killed)
/// cannot go on; its trials stay readable. Give <c>RunAsync</c> a <see cref="PbtCheckpointFormat{TCheckpoint}"/> (for
/// checkpoints saved as files, their paths) and the text of every checkpoint is stored with its trial: running the
/// same code again on the same study resumes every member from its latest checkpoint.</para>
/// <para><b>Failures.</b> An exception from a member's method, or a score that is not a finite number, fails that member
/// only: its trial is stored as failed with the reason, and its slot restarts from the checkpoint of a top member with
/// explored hyperparameters (from scratch while no member has a checkpoint). A slot that fails three times in a row
/// without training an interval is given up; when every slot is, the run throws.</para>
/// </remarks>
public sealed class PopulationBasedTraining
{
    private readonly PopulationBasedTrainingOptions _options;
    private readonly double[] _factors;

    /// <summary>Creates a population-based training run.</summary>
    /// <param name="options">The options; <see cref="PopulationBasedTrainingOptions.TotalSteps"/> must be set.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PopulationBasedTraining(PopulationBasedTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _factors = [.. options.PerturbationFactors];
        _options = new PopulationBasedTrainingOptions
        {
            PopulationSize = options.PopulationSize,
            TotalSteps = options.TotalSteps,
            Interval = options.Interval,
            ExploitFraction = options.ExploitFraction,
            PerturbationFactors = _factors,
            ResampleProbability = options.ResampleProbability,
            Parallelism = options.Parallelism,
            Seed = options.Seed,
        };
    }

    /// <summary>Trains a population until every member reaches the total steps.</summary>
    /// <typeparam name="TCheckpoint">What a member's checkpoint is.</typeparam>
    /// <param name="study">A single-objective study to record the members' trials in; its direction says whether a
    /// higher score is better (<see cref="StudyDirection.Maximize"/> for an accuracy).</param>
    /// <param name="space">The hyperparameters to explore, at least one.</param>
    /// <param name="createMember">Makes the member of a slot (from 0), untrained; called again for a slot whose member
    /// failed, before a checkpoint is restored into it.</param>
    /// <param name="cancellationToken">Stops the run: members' current calls see it, their trials are stored as failed
    /// and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The final population, its best member and the lineage.</returns>
    /// <exception cref="ArgumentException">The study has several objectives, the space is empty, or the study already
    /// holds a run (resume one with the overload that takes a <see cref="PbtCheckpointFormat{TCheckpoint}"/>).</exception>
    /// <exception cref="InvalidOperationException">Every member failed again and again.</exception>
    public Task<PbtResult<TCheckpoint>> RunAsync<TCheckpoint>(
        Study study,
        SearchSpace space,
        Func<int, IPbtMember<TCheckpoint>> createMember,
        CancellationToken cancellationToken = default) =>
        Run(study, space, createMember, null, cancellationToken);

    /// <summary>Trains a population until every member reaches the total steps, storing the text of each checkpoint
    /// with its trial so that the run can resume; on a study that holds part of such a run, resumes it.</summary>
    /// <typeparam name="TCheckpoint">What a member's checkpoint is.</typeparam>
    /// <param name="study">A single-objective study to record the members' trials in; to resume, the study the run
    /// wrote (opened again with <see cref="StudyOptions.LoadIfExists"/> or <see cref="Study.Load"/>).</param>
    /// <param name="space">The hyperparameters to explore, at least one.</param>
    /// <param name="createMember">Makes the member of a slot (from 0), untrained.</param>
    /// <param name="checkpoints">Turns checkpoints into text and back.</param>
    /// <param name="cancellationToken">Stops the run, as in the other overload.</param>
    /// <returns>The final population, its best member and the lineage.</returns>
    /// <remarks>
    /// <para>A resumed run gives every member a new segment (<see cref="PbtSegmentReason.Resume"/>) that restores the
    /// latest checkpoint it saved, at that step and with the hyperparameters it had then, and fails the segments left
    /// running (their process stopped; resume only once it has). Work since a member's latest checkpoint is trained
    /// again, and a copy decided after it but not yet started is made again at the member's next interval. Members that
    /// had finished stay finished: their final checkpoints are restored into new member objects for the result. Resume
    /// with the options the run started with; the random draws after the resume differ from an uninterrupted run's, and
    /// <see cref="PbtResult{TCheckpoint}.TrainedSteps"/> counts this call's steps.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The study has several objectives, the space is empty, or the study holds a
    /// run of a larger population or one that stored no checkpoints.</exception>
    /// <exception cref="InvalidOperationException">Every member failed again and again.</exception>
    public Task<PbtResult<TCheckpoint>> RunAsync<TCheckpoint>(
        Study study,
        SearchSpace space,
        Func<int, IPbtMember<TCheckpoint>> createMember,
        PbtCheckpointFormat<TCheckpoint> checkpoints,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        return Run(study, space, createMember, checkpoints, cancellationToken);
    }

    private Task<PbtResult<TCheckpoint>> Run<TCheckpoint>(
        Study study,
        SearchSpace space,
        Func<int, IPbtMember<TCheckpoint>> createMember,
        PbtCheckpointFormat<TCheckpoint>? checkpoints,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(createMember);
        if (study.Directions.Count != 1)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Population-based training ranks members by one score, but study '{study.Name}' has {study.Directions.Count} directions. Create a study with one direction."),
                nameof(study));
        }

        if (space.Parameters.Count == 0)
        {
            throw new ArgumentException("The search space of population-based training is empty, so there is nothing to explore. Add the hyperparameters the members train with.", nameof(space));
        }

        return new PbtRun<TCheckpoint>(study, createMember, _options, _factors, space, checkpoints).RunAsync(cancellationToken);
    }
}

using System.Globalization;
using Hone.Studies;
using Hone.Trials;

namespace DigitsMlp.Training;

/// <summary>
/// The objective of the digits example: trains the network a trial suggests (<see cref="MlpSearchSpace"/>) for up to
/// <see cref="MaxEpochs"/> epochs, reports the validation accuracy after each epoch (step = epoch, from 0), stops when
/// the study's pruner says so, and returns the final validation accuracy (to maximize).
/// </summary>
/// <remarks>
/// <para>Epochs are the fidelity: a pruner judges a trial on the accuracy it reported at an epoch against other trials
/// at that epoch. The trial's training seed mixes the objective's seed with the trial number, so a study rerun with the
/// same sampler seed trains the same networks.</para>
/// <para>With <see cref="EpochBudget"/>, the study stops once that many epochs have been trained in all, cutting the
/// trial that spends the last one short (recorded as pruned). Safe to share between trials run in parallel; the budget
/// is then overrun by at most the epochs the other running trials add after it is spent.</para>
/// </remarks>
public sealed class DigitsObjective
{
    private readonly TrainValidationSplit _data;
    private readonly ulong _seed;
    private long _epochsTrained;

    /// <summary>Creates the objective.</summary>
    /// <param name="data">The training and validation images.</param>
    /// <param name="maxEpochs">The epochs of a trial that is never pruned, at least 1.</param>
    /// <param name="seed">Mixed with each trial number into the seed of its training.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEpochs"/> is below 1.</exception>
    public DigitsObjective(TrainValidationSplit data, int maxEpochs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        _data = data;
        MaxEpochs = maxEpochs;
        _seed = seed;
    }

    /// <summary>The epochs of a trial that is never pruned.</summary>
    public int MaxEpochs { get; }

    /// <summary>The epochs that trials of this objective have trained so far, all together.</summary>
    public long EpochsTrained => Interlocked.Read(ref _epochsTrained);

    /// <summary>The epochs that all trials together may train; the study stops when they are spent.</summary>
    /// <value>Default: <see langword="null"/>, no budget.</value>
    public long? EpochBudget { get; init; }

    /// <summary>Trains and scores the network of one trial.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The validation accuracy after the last epoch, in [0, 1].</returns>
    /// <exception cref="TrialPrunedException">The pruner stopped the trial, or the epoch budget ran out during it.</exception>
    public double Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var hyperparameters = MlpSearchSpace.Suggest(trial);
        var trainer = NewTrainer(hyperparameters, trial.Number);
        var accuracy = 0.0;
        for (var epoch = 0; epoch < MaxEpochs; epoch++)
        {
            trainer.TrainEpoch(_data.Train);
            accuracy = trainer.Accuracy(_data.Validation);
            trial.Report(accuracy, epoch);
            var spent = Interlocked.Increment(ref _epochsTrained) >= EpochBudget;
            if (spent)
            {
                trial.Study.Stop();
                if (epoch + 1 < MaxEpochs)
                {
                    throw new TrialPrunedException(string.Create(CultureInfo.InvariantCulture, $"The epoch budget of {EpochBudget} is spent."));
                }
            }
            else if (trial.ShouldPrune())
            {
                throw new TrialPrunedException();
            }
        }

        return accuracy;
    }

    /// <summary>
    /// Trains the network of a finished trial again, as <see cref="Evaluate"/> trained it (its hyperparameters, its
    /// seed) but for all <see cref="MaxEpochs"/> epochs: the final model of the configuration a study picked, to score
    /// on images the search never saw. Counts no epochs against <see cref="EpochBudget"/>.
    /// </summary>
    /// <param name="trial">A trial of a study that searched <see cref="MlpSearchSpace"/> with this objective.</param>
    /// <returns>The trained network; for a complete trial, it scores on the validation images what the trial reported.</returns>
    /// <exception cref="ArgumentException">The trial lacks a parameter of <see cref="MlpSearchSpace"/>.</exception>
    public MlpTrainer Refit(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);

        // The trial's values are replayed through the search space, so that they become hyperparameters exactly as they did.
        var replay = Study.Create(new StudyOptions());
        replay.EnqueueTrial(trial.Params.ToDictionary(p => p.Key, p => p.Value));
        var trainer = NewTrainer(MlpSearchSpace.Suggest(replay.Ask()), trial.Number);
        for (var epoch = 0; epoch < MaxEpochs; epoch++)
        {
            trainer.TrainEpoch(_data.Train);
        }

        return trainer;
    }

    private MlpTrainer NewTrainer(MlpHyperparameters hyperparameters, int number) =>
        new(hyperparameters, _data.Train.Features, _data.Train.Classes, SplitMix64.Mix(_seed, (ulong)number));
}

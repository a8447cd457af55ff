using System.Globalization;
using Hone.Trials;

namespace Hone.Pbt;

/// <summary>What <see cref="IPbtMember{TCheckpoint}.TrainAsync"/> needs to train one interval.</summary>
public readonly struct PbtTrainArguments
{
    private readonly Trial? _trial;

    /// <summary>Creates the arguments of one interval, for a member trained outside a run (tests, a baseline).</summary>
    /// <param name="member">The member's slot.</param>
    /// <param name="step">The steps trained so far.</param>
    /// <param name="steps">The steps to train now.</param>
    /// <param name="hyperparameters">The hyperparameters to train with.</param>
    public PbtTrainArguments(int member, int step, int steps, ParameterSet hyperparameters)
        : this(member, step, steps, hyperparameters, null)
    {
    }

    internal PbtTrainArguments(int member, int step, int steps, ParameterSet hyperparameters, Trial? trial)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        Member = member;
        Step = step;
        Steps = steps;
        Hyperparameters = hyperparameters;
        _trial = trial;
    }

    /// <summary>The member's slot in the population, from 0.</summary>
    public int Member { get; }

    /// <summary>How many steps the member has trained so far; a member that copies another keeps its own count.</summary>
    public int Step { get; }

    /// <summary>How many steps to train now: the interval, or what is left of the total.</summary>
    public int Steps { get; }

    /// <summary>The hyperparameters to train with, as external values by name (<c>(double)arguments.Hyperparameters["lr"]!</c>).</summary>
    public ParameterSet Hyperparameters { get; }

    /// <summary>The number of the trial that records this stretch of the member's training; -1 outside a run.</summary>
    public int TrialNumber => _trial?.Number ?? -1;

    /// <summary>Records a score inside the interval, such as the validation accuracy after each epoch, in the member's
    /// trial; only the score <see cref="IPbtMember{TCheckpoint}.TrainAsync"/> returns ranks the member. Does nothing
    /// outside a run.</summary>
    /// <param name="score">The score.</param>
    /// <param name="step">A step of this interval: above <see cref="Step"/>, at most <see cref="Step"/> + <see cref="Steps"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step lies outside the interval.</exception>
    public void Report(double score, int step)
    {
        if (step <= Step || step > Step + Steps)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, string.Create(
                CultureInfo.InvariantCulture,
                $"A member reports scores at the steps of its interval, {Step + 1} to {Step + Steps}, but got step {step}."));
        }

        _trial?.Report(score, step);
    }
}

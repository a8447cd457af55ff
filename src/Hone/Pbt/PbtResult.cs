namespace Hone.Pbt;

/// <summary>The outcome of a population-based training run.</summary>
/// <typeparam name="TCheckpoint">The members' checkpoint type.</typeparam>
public sealed class PbtResult<TCheckpoint>
{
    internal PbtResult(IReadOnlyList<PbtMemberResult<TCheckpoint>> population, PbtMemberResult<TCheckpoint> best, PbtLineage lineage, long trainedSteps)
    {
        Population = population;
        Best = best;
        Lineage = lineage;
        TrainedSteps = trainedSteps;
    }

    /// <summary>The members that reached the total steps, by slot; a slot that failed again and again is left out.</summary>
    public IReadOnlyList<PbtMemberResult<TCheckpoint>> Population { get; }

    /// <summary>The member with the best final score (ties to the lower slot).</summary>
    public PbtMemberResult<TCheckpoint> Best { get; }

    /// <summary>Every segment of every member, read back from the study.</summary>
    public PbtLineage Lineage { get; }

    /// <summary>The steps the run trained in all, over every member: its compute, <c>PopulationSize·TotalSteps</c> plus
    /// the steps lost to failures; for a resumed run, the steps trained since it resumed.</summary>
    public long TrainedSteps { get; }
}

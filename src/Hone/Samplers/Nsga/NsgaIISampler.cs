using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Nsga;

/// <summary>
/// Samples with NSGA-II, the non-dominated sorting genetic algorithm (Deb, Pratap, Agarwal and Meyarivan, "A fast and
/// elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC 2002): generations of trials bred from the best of
/// the previous ones, which spread along the Pareto front of a multi-objective study.
/// </summary>
/// <remarks>
/// <para>Survival: the parents of each generation are chosen among the previous parents and the new trials (elitism)
/// by non-domination rank, then, within the last front that fits only in part, by crowding distance, which keeps the
/// front spread. With constraints (<see cref="StudyOptions.Constraints"/>), ranks follow constrained domination (Deb
/// 2000): a feasible trial beats an infeasible one, and of two infeasible trials the one of smaller total violation
/// wins. Single-objective studies work too: the rank is then the order of the values.</para>
/// <para>Breeding: two parents are picked by binary tournaments (lower rank, then larger crowding distance), crossed
/// (<see cref="NsgaSamplerOptions.Crossover"/>) and mutated. Float and int parameters are crossed in [0, 1] (log
/// parameters in log space) and rounded; categorical ones take one parent's value and mutate to a uniform choice.</para>
/// <para>Search space: the parameters every complete trial shares. The first generation, and parameters outside that
/// space (conditional ones, or a space that changes), are drawn uniformly at random.</para>
/// <para>Generations: each trial records its generation in the system attribute <c>nsga2:generation</c>; a generation
/// is complete once <see cref="NsgaSamplerOptions.PopulationSize"/> of its trials are complete (pruned and failed ones
/// do not count), and until then new trials still belong to it, so parallel workers may add a few more. When it is
/// complete, the first worker to claim <c>nsga2:generation:&lt;g&gt;</c> in the storage saves the survivors' trial
/// numbers in the study system attribute <c>nsga2:population:&lt;g&gt;</c>; other workers, other processes and a resumed
/// study breed from those same parents. Trials that complete after their generation closed join the next survival.</para>
/// <para>Cost per trial: O(n) for n parameters, plus O(N log N) once per generation for N candidates; the storage is
/// read incrementally.</para>
/// </remarks>
public sealed class NsgaIISampler : ISampler
{
    private readonly NsgaEngine _engine;

    /// <summary>Creates an NSGA-II sampler.</summary>
    /// <param name="options">The options; default: 50 trials per generation, uniform crossover and polynomial mutation, a random seed.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public NsgaIISampler(NsgaIISamplerOptions? options = null)
    {
        options ??= new NsgaIISamplerOptions();
        options.Validate();
        _engine = new NsgaEngine("nsga2", options, new CrowdingSurvival());
    }

    /// <summary>The machinery, for tests.</summary>
    internal NsgaEngine Engine => _engine;

    /// <inheritdoc/>
    public void BeforeTrial(Study study, Trial trial) => _engine.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
        _engine.InferRelativeSearchSpace();

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        _engine.SampleRelative(trial, searchSpace);

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        _engine.SampleIndependent(trial, name, distribution);
}

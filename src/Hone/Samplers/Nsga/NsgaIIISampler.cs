using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Nsga;

/// <summary>
/// Samples with NSGA-III (Deb and Jain, "An evolutionary many-objective optimization algorithm using
/// reference-point-based nondominated sorting approach, part I", IEEE TEVC 2014): NSGA-II's generations and elitism,
/// with survival guided by reference points, which keeps the front spread where crowding distance fails, with three
/// objectives or more.
/// </summary>
/// <remarks>
/// <para>Survival: the parents of each generation are chosen among the previous parents and the new trials by
/// non-domination rank (constrained domination when the study has constraints, as in <see cref="NsgaIISampler"/>).
/// Within the last front that fits only in part, the objectives are normalized (the ideal point becomes the origin and
/// the hyperplane through the extreme points cuts each axis at 1; when that plane is degenerate, the worst values of
/// the front serve instead), each trial joins its nearest reference line, and the reference points with the fewest
/// members take the next member, the one nearest to the line first. Reference points: Das–Dennis points
/// (<see cref="NsgaIIISamplerOptions.Divisions"/>) or the user's (<see cref="NsgaIIISamplerOptions.ReferencePoints"/>).</para>
/// <para>Breeding, search space and generations: as <see cref="NsgaIISampler"/>, with the keys <c>nsga3:generation</c>,
/// <c>nsga3:generation:&lt;g&gt;</c> and <c>nsga3:population:&lt;g&gt;</c>. Mating tournaments compare parents as
/// NSGA-II does (rank, then crowding distance) where Deb and Jain pick them at random: on DTLZ2 and C2-DTLZ2 (3
/// objectives, 1,000 and 3,000 trials) that reached a larger median hypervolume. Ties in the niching draw from a stream
/// of the seed and the generation.</para>
/// </remarks>
public sealed class NsgaIIISampler : ISampler
{
    private readonly NsgaEngine _engine;
    private readonly ReferencePointSurvival _survival;

    /// <summary>Creates an NSGA-III sampler.</summary>
    /// <param name="options">The options; default: 50 trials per generation, Das–Dennis reference points fitted to it,
    /// uniform crossover and polynomial mutation, a random seed.</param>
    /// <exception cref="ArgumentException">An option is out of range. Reference points whose dimension differs from the
    /// study's number of objectives are reported when the first trial starts.</exception>
    public NsgaIIISampler(NsgaIIISamplerOptions? options = null)
    {
        options ??= new NsgaIIISamplerOptions();
        options.Validate();
        _survival = new ReferencePointSurvival(options);
        _engine = new NsgaEngine("nsga3", options, _survival);
    }

    /// <summary>The machinery, for tests.</summary>
    internal NsgaEngine Engine => _engine;

    /// <summary>The reference points in use, once a trial has started; for tests.</summary>
    internal double[][] ReferencePoints => _survival.Points;

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

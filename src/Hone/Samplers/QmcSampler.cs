using System.Globalization;
using Hone.Distributions;
using Hone.Numerics;
using Hone.SearchSpaces;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers;

/// <summary>
/// Quasi-Monte Carlo sampling: trials take the successive points of a low-discrepancy sequence (scrambled Sobol or
/// Halton), which cover the search space more evenly than random points. A good non-adaptive baseline and start-up
/// design.
/// </summary>
/// <remarks>
/// <para>The joint space is the intersection of the parameters of every complete trial
/// (<see cref="IntersectionSearchSpace"/>), in name order, one sequence coordinate per parameter; unit coordinates
/// map onto each distribution uniformly (in log space for log ones, an equal share per value for discrete ones).
/// The first trial, and parameters outside the joint space (conditional ones), are sampled by
/// <see cref="QmcSamplerOptions.IndependentSampler"/>.</para>
/// <para>Each joint sample takes the next point index of the sequence, claimed in the storage
/// (<see cref="IStorage.TryClaim"/>), so that parallel workers, several processes sharing the study with one seed, and a
/// resumed study all draw distinct consecutive points. The index is kept in the trial's system attribute
/// <c>qmc_sample_id</c>. Per trial: the intersection reads the trials finished since the previous one, a point costs
/// O(d) for d joint parameters, and the claim one storage write.</para>
/// </remarks>
public sealed class QmcSampler : ISampler
{
    /// <summary>The trial system attribute that records the sequence index of a joint sample.</summary>
    internal const string SampleIdKey = "qmc_sample_id";

    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
    private readonly QmcKind _kind;
    private readonly bool _scramble;
    private readonly int _seed;
    private readonly ISampler _independent;
    private readonly string _claimPrefix;
    private IStorage? _storage;
    private long _studyId;
    private IntersectionSearchSpace _intersection = new();

    /// <summary>The intersection <see cref="_space"/> was derived from: the calculator returns the same instance until
    /// the intersection changes.</summary>
    private IReadOnlyDictionary<string, Distribution>? _intersectionSeen;
    private IReadOnlyDictionary<string, Distribution> _space = EmptySpace;
    private long? _next;
    private SobolSequence? _sobol;
    private HaltonSequence? _halton;
    private double[] _point = [];

    /// <summary>Creates a QMC sampler.</summary>
    /// <param name="options">The options; default: scrambled Sobol with a random seed.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public QmcSampler(QmcSamplerOptions? options = null)
    {
        options ??= new QmcSamplerOptions();
        if (!Enum.IsDefined(options.Kind))
        {
            throw new ArgumentException(
                $"QmcSamplerOptions.Kind must be {string.Join(" or ", Enum.GetNames<QmcKind>())}, but got {(int)options.Kind}.",
                nameof(options));
        }

        _kind = options.Kind;
        _scramble = options.Scramble;
        _seed = options.Seed ?? Random.Shared.Next();
        _independent = options.IndependentSampler ?? new RandomSampler(options.Seed);

        // Points of different sequences are not interchangeable, so each sequence counts its own indices.
        var scrambling = _scramble ? "seed=" + _seed.ToString(CultureInfo.InvariantCulture) : "plain";
        _claimPrefix = $"qmc:{_kind.ToString().ToLowerInvariant()}:{scrambling}:";
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        Attach(study);
        var intersection = _intersection.Calculate(study);
        if (ReferenceEquals(intersection, _intersectionSeen))
        {
            return _space;
        }

        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in intersection)
        {
            // A parameter with one value needs no coordinate; Sobol has a coordinate for so many parameters only.
            if (!distribution.IsSingle() && (_kind != QmcKind.Sobol || space.Count < SobolSequence.MaxDimension))
            {
                space.Add(name, distribution);
            }
        }

        _intersectionSeen = intersection;
        _space = space;
        return space;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0 || searchSpace.Keys.All(trial.FixedParams.ContainsKey))
        {
            // An enqueued trial that fixes the whole joint space would waste a point of the sequence.
            return EmptySample;
        }

        Attach(study);
        var index = NextIndex(study);
        trial.SetSystemAttr(SampleIdKey, index);
        var point = Point(searchSpace.Count, index);
        var sample = new Dictionary<string, double>(searchSpace.Count, StringComparer.Ordinal);
        var j = 0;
        foreach (var (name, distribution) in searchSpace)
        {
            sample[name] = UnitCube.ToInternal(distribution, point[j++]);
        }

        return sample;
    }

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        _independent.SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc/>
    public void BeforeTrial(Study study, Trial trial) => _independent.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        _independent.AfterTrial(study, trial, state, values);

    /// <summary>Resets what the sampler keeps about a study when it is used with another one.</summary>
    private void Attach(Study study)
    {
        if (ReferenceEquals(_storage, study.Storage) && _studyId == study.Id)
        {
            return;
        }

        _storage = study.Storage;
        _studyId = study.Id;
        _intersection = new IntersectionSearchSpace();
        _intersectionSeen = null;
        _space = EmptySpace;
        _next = null;
    }

    /// <summary>Claims the next unused index of this sequence in the study.</summary>
    private long NextIndex(Study study)
    {
        if (_next is not { } next)
        {
            // A resumed study, or one shared with other processes: continue after the highest index claimed so far.
            next = 0;
            foreach (var key in study.Storage.GetClaims(study.Id))
            {
                if (key.StartsWith(_claimPrefix, StringComparison.Ordinal)
                    && long.TryParse(key.AsSpan(_claimPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var claimed)
                    && claimed >= next)
                {
                    next = claimed + 1;
                }
            }
        }

        // Another process may have taken an index since: skip it.
        while (!study.Storage.TryClaim(study.Id, _claimPrefix + next.ToString(CultureInfo.InvariantCulture)))
        {
            next++;
        }

        _next = next + 1;
        return next;
    }

    private double[] Point(int dimension, long index)
    {
        if (_point.Length != dimension)
        {
            // The joint space changed size: build the sequence for it (the leading coordinates stay the same).
            _point = new double[dimension];
            _sobol = _kind == QmcKind.Sobol ? new SobolSequence(dimension, _scramble, _seed) : null;
            _halton = _kind == QmcKind.Halton ? new HaltonSequence(dimension, _scramble, _seed) : null;
        }

        if (_sobol is not null)
        {
            _sobol.Point(index, _point);
        }
        else
        {
            _halton!.Point(index, _point);
        }

        return _point;
    }
}

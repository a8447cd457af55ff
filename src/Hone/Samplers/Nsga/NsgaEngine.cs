using System.Globalization;
using System.Text;
using Hone.Distributions;
using Hone.Numerics;
using Hone.SearchSpaces;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Nsga;

/// <summary>
/// The generation machinery that NSGA-II and NSGA-III share: which generation a new trial belongs to, when a generation
/// is complete, which trials survive as the next parents (through an <see cref="INsgaSurvival"/>), and how a child is
/// bred from them.
/// </summary>
/// <remarks>
/// <para>Each trial records its generation in the trial system attribute <c>&lt;prefix&gt;:generation</c> when it starts.
/// Generation 0 has no parents: its trials are drawn uniformly (or enqueued). Generation g is complete once
/// <c>PopulationSize</c> of its trials are complete (pruned and failed ones do not count); then its candidates, the
/// parents of g and every complete trial of generations up to g not yet a candidate (late trials of earlier generations
/// included, so that parallel workers waste nothing), go through survival, and the survivors are the parents of
/// generation g + 1. Trials that start while g is incomplete belong to g, so a generation may exceed the population size
/// by the number of trials running in parallel.</para>
/// <para>The survivors' numbers are saved in the study system attribute <c>&lt;prefix&gt;:population:&lt;g&gt;</c> by the
/// one worker that claims <c>&lt;prefix&gt;:generation:&lt;g&gt;</c> in the storage; every other worker, process or resumed
/// study adopts them (a worker that lost the claim waits up to about a second for them to appear), so that all breed
/// generation g + 1 from the same parents.</para>
/// <para>Random draws come from streams derived from the seed and the trial number (and, for independent draws, the
/// parameter name), so that a resumed study proposes the trials an uninterrupted one would have.</para>
/// </remarks>
internal sealed class NsgaEngine
{
    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    /// <summary>Separates the survival streams (one per generation) from the breeding streams (one per trial).</summary>
    private const long SurvivalStream = 0x5EED_0F_5E1EC7;

    /// <summary>How often, and how far apart, a worker that lost a generation's claim looks for the winner's survivors.</summary>
    private const int ClaimPolls = 200;

    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromMilliseconds(5);

    private readonly string _prefix;
    private readonly int _populationSize;
    private readonly long _seed;
    private readonly NsgaVariation _variation;
    private readonly INsgaSurvival _survival;
    private readonly FinishedTrialCursor _cursor = new();
    private readonly List<FrozenTrial> _fresh = [];
    private readonly List<NsgaIndividual> _waiting = [];
    private readonly Dictionary<long, int> _complete = [];
    private IntersectionSearchSpace _intersection = new();
    private IReadOnlyDictionary<string, Distribution>? _joint;
    private IReadOnlyDictionary<string, Distribution> _space = EmptySpace;
    private NsgaSpace? _coded;
    private NsgaIndividual[] _parents = [];
    private int[] _ranks = [];
    private double[] _crowding = [];
    private long _generation;
    private double[] _child = [];
    private IReadOnlyDictionary<string, object?>? _studyAttrs;

    /// <summary>Creates the machinery for validated options.</summary>
    /// <param name="prefix">The prefix of the sampler's attribute and claim keys (<c>nsga2</c>, <c>nsga3</c>).</param>
    /// <param name="options">The options.</param>
    /// <param name="survival">The survival step.</param>
    public NsgaEngine(string prefix, NsgaSamplerOptions options, INsgaSurvival survival)
    {
        _prefix = prefix;
        GenerationAttr = prefix + ":generation";
        _populationSize = options.PopulationSize;
        _seed = options.Seed ?? Random.Shared.NextInt64();
        _variation = new NsgaVariation(options);
        _survival = survival;
    }

    /// <summary>The trial system attribute that holds a trial's generation.</summary>
    public string GenerationAttr { get; }

    /// <summary>The generation new trials belong to, for tests.</summary>
    internal long Generation => _generation;

    /// <summary>The parents of that generation, for tests.</summary>
    internal IReadOnlyList<NsgaIndividual> Parents => _parents;

    /// <summary>The study system attribute that holds the survivors of generation <paramref name="generation"/>.</summary>
    public string PopulationKey(long generation) => string.Create(CultureInfo.InvariantCulture, $"{_prefix}:population:{generation}");

    /// <summary>Reads the trials finished since the last trial, closes the generations that are complete, and tags the
    /// new trial with the open generation.</summary>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        _survival.Prepare(study.Directions.Count);
        Read(study);
        while (_complete.GetValueOrDefault(_generation) >= _populationSize)
        {
            Close(study, _generation);
        }

        trial.SetSystemAttr(GenerationAttr, _generation);
    }

    /// <summary>The parameters every complete trial shares (but single-valued ones), once there are parents; else empty.</summary>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace()
    {
        if (_fresh.Count > 0)
        {
            var joint = _intersection.Calculate(_fresh);
            _fresh.Clear();
            if (!ReferenceEquals(joint, _joint))
            {
                _joint = joint;
                var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
                foreach (var (name, distribution) in joint)
                {
                    if (!distribution.IsSingle())
                    {
                        space[name] = distribution;
                    }
                }

                _space = space;
                _coded = null;
            }
        }

        return _parents.Length == 0 ? EmptySpace : _space;
    }

    /// <summary>Breeds a child of two parents chosen by binary tournaments.</summary>
    public IReadOnlyDictionary<string, double> SampleRelative(Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (_parents.Length == 0 || searchSpace.Count == 0)
        {
            return EmptySample;
        }

        var space = ReferenceEquals(searchSpace, _space) ? _coded ??= new NsgaSpace(_space) : new NsgaSpace(searchSpace);
        var random = new SplitMix64(_seed, trial.Number);
        var first = Tournament(-1, ref random);
        var second = _parents.Length > 1 ? Tournament(first, ref random) : first;
        if (_child.Length != space.Dimension)
        {
            _child = new double[space.Dimension];
        }

        _variation.Breed(space, _parents[first].CodedIn(space), _parents[second].CodedIn(space), _child, ref random);
        var result = new Dictionary<string, double>(space.Dimension, StringComparer.Ordinal);
        for (var i = 0; i < _child.Length; i++)
        {
            if (!double.IsNaN(_child[i]))
            {
                result[space.Names[i]] = space.Decode(i, _child[i]);
            }
        }

        return result;
    }

    /// <summary>A uniform draw (in log space for log parameters), from the stream of the trial and the parameter name.</summary>
    public double SampleIndependent(Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        var random = new SplitMix64(_seed ^ StableHash(name), trial.Number);
        return UnitCube.ToInternal(distribution, random.NextDouble());
    }

    /// <summary>FNV-1a of a name: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    private static long StableHash(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    private static bool TryReadGeneration(object? value, out long generation)
    {
        switch (value)
        {
            case long l:
                generation = l;
                return true;
            case double d when d == Math.Round(d):
                generation = (long)d;
                return true;
            default:
                generation = -1;
                return false;
        }
    }

    /// <summary>Takes in the trials finished since the last call; starts afresh for another study.</summary>
    private void Read(Study study)
    {
        var finished = _cursor.ReadNew(study, out var restarted);
        if (restarted)
        {
            _fresh.Clear();
            _waiting.Clear();
            _complete.Clear();
            _intersection = new IntersectionSearchSpace();
            _joint = null;
            _space = EmptySpace;
            _coded = null;
            _parents = [];
            _ranks = [];
            _crowding = [];
            _generation = 0;
            _studyAttrs = null;
        }

        foreach (var trial in finished)
        {
            if (trial.State != TrialState.Complete)
            {
                continue;
            }

            _fresh.Add(trial);
            if (trial.SystemAttrs.TryGetValue(GenerationAttr, out var value) && TryReadGeneration(value, out var generation))
            {
                _waiting.Add(NsgaIndividual.Of(trial, generation, study.Directions));

                // A late trial of a closed generation joins the next survival but counts towards no generation.
                if (generation >= _generation)
                {
                    _complete[generation] = _complete.GetValueOrDefault(generation) + 1;
                }
            }
        }
    }

    /// <summary>Chooses the parents of generation <paramref name="generation"/> + 1: the saved survivors when another worker
    /// chose them, else by survival, saved when this worker wins the generation's claim.</summary>
    private void Close(Study study, long generation)
    {
        var candidates = new List<NsgaIndividual>(_parents.Length + _waiting.Count);
        candidates.AddRange(_parents);
        foreach (var individual in _waiting)
        {
            if (individual.Generation <= generation)
            {
                candidates.Add(individual);
            }
        }

        // Survivors are saved only by the worker that wins the claim: a worker that wins it has nothing to read first.
        var key = PopulationKey(generation);
        var won = study.Storage.TryClaim(study.Id, string.Create(CultureInfo.InvariantCulture, $"{_prefix}:generation:{generation}"));
        var survivors = won ? null : FindSaved(study, key, candidates);
        if (survivors is null)
        {
            var random = new SplitMix64(_seed ^ SurvivalStream, generation);
            var chosen = _survival.Select(candidates, _populationSize, ref random);
            survivors = Array.ConvertAll(chosen, i => candidates[i]);
            Array.Sort(survivors, (a, b) => a.Number.CompareTo(b.Number));
            if (won)
            {
                study.SetSystemAttr(key, Format(survivors));
            }
        }

        _waiting.RemoveAll(individual => individual.Generation <= generation);
        _complete.Remove(generation);
        _parents = survivors;
        var fronts = NsgaFronts.Of(_parents);
        _ranks = fronts.Ranks;
        _crowding = fronts.Crowding(_parents);
        _generation = generation + 1;
    }

    /// <summary>The survivors that the worker which won the claim saved, or saves right after claiming: looked up in the
    /// study attributes read last (a resumed study finds every closed generation in one read), then read afresh for up to
    /// about a second, so that every worker breeds from the very same parents. Null when they never appear (that worker
    /// died in between): this worker's own choice then serves.</summary>
    private NsgaIndividual[]? FindSaved(Study study, string key, List<NsgaIndividual> candidates)
    {
        if (_studyAttrs is not null && Resolve(study, _studyAttrs, key, candidates) is { } known)
        {
            return known;
        }

        for (var attempt = 0; attempt < ClaimPolls; attempt++)
        {
            if (attempt > 0)
            {
                Thread.Sleep(ClaimPollInterval);
            }

            _studyAttrs = study.SystemAttrs;
            if (Resolve(study, _studyAttrs, key, candidates) is { } saved)
            {
                return saved;
            }
        }

        return null;
    }

    /// <summary>The survivors saved under <paramref name="key"/> in <paramref name="attrs"/>, or null when none are.</summary>
    private NsgaIndividual[]? Resolve(Study study, IReadOnlyDictionary<string, object?> attrs, string key, List<NsgaIndividual> candidates)
    {
        if (!attrs.TryGetValue(key, out var value) || value is not string text)
        {
            return null;
        }

        var byNumber = new Dictionary<int, NsgaIndividual>(candidates.Count);
        foreach (var candidate in candidates)
        {
            byNumber[candidate.Number] = candidate;
        }

        var survivors = new List<NsgaIndividual>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var number = int.Parse(part, CultureInfo.InvariantCulture);
            if (byNumber.TryGetValue(number, out var known))
            {
                survivors.Add(known);
                continue;
            }

            // A trial this worker has not read yet (it finished after this worker's last read), or a parent from before a
            // change of population size: read it from the storage.
            var trial = study.Storage.GetTrial(study.Id, number);
            if (trial.State == TrialState.Complete)
            {
                var generation = trial.SystemAttrs.TryGetValue(GenerationAttr, out var g) && TryReadGeneration(g, out var read) ? read : -1;
                survivors.Add(NsgaIndividual.Of(trial, generation, study.Directions));
            }
        }

        return survivors.Count > 0 ? [.. survivors] : null;
    }

    private static string Format(NsgaIndividual[] survivors)
    {
        var text = new StringBuilder();
        foreach (var survivor in survivors)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(survivor.Number.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Binary tournament with the crowded comparison of Deb et al. 2002: of two parents drawn at random (other
    /// than <paramref name="excluded"/>), the one of lower rank, then of larger crowding distance; the first drawn on a tie.</summary>
    private int Tournament(int excluded, ref SplitMix64 random)
    {
        var a = Draw(excluded, ref random);
        var b = Draw(excluded, ref random);
        if (_ranks[a] != _ranks[b])
        {
            return _ranks[a] < _ranks[b] ? a : b;
        }

        return _crowding[b] > _crowding[a] ? b : a;
    }

    private int Draw(int excluded, ref SplitMix64 random)
    {
        var count = excluded < 0 ? _parents.Length : _parents.Length - 1;
        var i = Math.Min((int)(random.NextDouble() * count), count - 1);
        return excluded >= 0 && i >= excluded ? i + 1 : i;
    }
}

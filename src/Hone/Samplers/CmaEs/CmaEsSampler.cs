using System.Globalization;
using System.Text.Json;
using Hone.Distributions;
using Hone.Numerics;
using Hone.SearchSpaces;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.CmaEs;

/// <summary>
/// Samples with the covariance matrix adaptation evolution strategy (CMA-ES): a multivariate normal distribution over
/// the float and int parameters, moved, stretched and rotated after each generation towards the better trials.
/// </summary>
/// <remarks>
/// <para>Algorithm: Hansen, "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772, 2016), with IPOP (Auger and
/// Hansen 2005) and BIPOP (Hansen 2009) restarts, sep-CMA-ES (Ros and Hansen 2008), CMA-ES with margin (Hamano et al.
/// 2022), WS-CMA-ES warm starts (Nomura et al. 2021), learning-rate adaptation (LRA-CMA-ES, Nomura, Akimoto and Ono
/// 2023) and mirrored orthogonal sampling with pairwise selection (Wang, Emmerich and Bäck, SAC 2014; mirrored sampling
/// and pairwise selection: Brockhoff et al., PPSN 2010, and Auger, Brockhoff and Hansen, GECCO 2011). Recombination
/// weights follow the tutorial's defaults, negative ones included (active CMA, Jastrebski and Arnold 2006). See
/// <see cref="CmaEsSamplerOptions"/>.</para>
/// <para>Search space: the float and int parameters that every complete trial shares with the same distribution, each
/// mapped onto [0, 1] (log parameters in log space; int and stepped parameters widened by half a step each side and
/// rounded). Samples outside the cube are drawn again, up to 10·n times (at most 100), and the last one is then
/// mirrored into the cube. The first trial, categorical and conditional parameters, and spaces of fewer than two such parameters (where CMA-ES
/// is not meaningful) are left to <see cref="CmaEsSamplerOptions.IndependentSampler"/>; the study system attribute
/// <c>cmaes:notice</c> then names the parameters concerned and says why, once.</para>
/// <para>Generations: each trial records in its system attributes <c>cmaes:space</c> (the space's key) and
/// <c>cmaes:generation</c> (counted across restarts; the saved state says how many restarts there were). A
/// generation's update happens when λ of its trials are complete, using the first λ by number; pruned and failed
/// trials are simply replaced by further samples of the same generation. With
/// <see cref="CmaEsSamplerOptions.MirroredOrthogonalSampling"/> (the default), trial t is the (t − f)-th sample of its generation,
/// f being the number after the previous generation's last member (saved with the state): samples 2d and 2d + 1 are
/// mirror images along the d-th of a block of n orthogonal directions, and the worse of such a pair is ranked after
/// every pair's better one, so that it never enters the mean. The state (mean, σ, C or its
/// diagonal, evolution paths, counters, restart bookkeeping) is saved as JSON in the study system attribute
/// <c>cmaes:&lt;space&gt;:state</c> once per generation by the one worker that claims <c>cmaes:&lt;space&gt;:gen:&lt;g&gt;</c>
/// in the storage, and read again before each sample, so that parallel workers, several processes and a resumed
/// study all continue the same search. Single-objective studies only.</para>
/// </remarks>
public sealed class CmaEsSampler : ISampler
{
    /// <summary>The trial system attribute naming the space the trial's sample belongs to.</summary>
    internal const string SpaceAttr = "cmaes:space";

    /// <summary>The trial system attribute holding the generation (counted across restarts).</summary>
    internal const string GenerationAttr = "cmaes:generation";

    /// <summary>The trial system attribute holding the raw (unrounded) sample that CMA-ES with margin learns from, packed
    /// exactly as base64 text (<see cref="CmaEsStateJson.Pack"/>).</summary>
    internal const string RawAttr = "cmaes:x";

    /// <summary>The study system attribute that says which parameters are sampled independently, and why.</summary>
    internal const string NoticeAttr = "cmaes:notice";

    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    private readonly long _seed;
    private readonly Dictionary<string, object?>? _x0;
    private readonly double _sigma0;
    private readonly int? _populationSize;
    private readonly CmaEsRestartStrategy _restart;
    private readonly int _incPopSize;
    private readonly bool _separable;
    private readonly bool _withMargin;
    private readonly bool _learningRates;
    private readonly bool _mirroredOrthogonal;
    private readonly FrozenTrial[]? _warmStartTrials;
    private readonly ISampler _independent;
    private readonly string _variant;

    private readonly HashSet<long> _seen = [];
    private readonly HashSet<long> _known = [];
    private readonly HashSet<long> _own = [];
    private readonly HashSet<long> _ownUnfinished = [];
    private readonly HashSet<long> _foreignUnfinished = [];
    private readonly List<FrozenTrial> _fresh = [];
    private readonly Dictionary<string, Dictionary<long, List<FrozenTrial>>> _generations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CmaEsModel> _models = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _independentNames = new(StringComparer.Ordinal);
    private IntersectionSearchSpace _intersection = new();
    private IReadOnlyDictionary<string, Distribution> _space = EmptySpace;
    private IReadOnlyDictionary<string, Distribution>? _joint;
    private CmaEsModel? _lastModel;
    private IReadOnlyDictionary<string, Distribution>? _lastSpace;
    private long _studyId = -1;
    private IStorage? _storage;
    private IReadOnlyDictionary<string, object?>? _studyAttrs;
    private bool _ownEndedSinceSample;
    private string? _oneDimensional;
    private string? _notice;

    /// <summary>Creates a CMA-ES sampler.</summary>
    /// <param name="options">The options; default: full covariance, no restart, defaults of Hansen's tutorial.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the options contradict each other.</exception>
    public CmaEsSampler(CmaEsSamplerOptions? options = null)
    {
        options ??= new CmaEsSamplerOptions();
        Validate(options);
        _seed = options.Seed ?? Random.Shared.NextInt64();
        _x0 = options.X0 is null ? null : new Dictionary<string, object?>(options.X0, StringComparer.Ordinal);
        _sigma0 = options.Sigma0 ?? 1.0 / 6;
        _populationSize = options.PopulationSize;
        _restart = options.Restart;
        _incPopSize = options.IncPopSize;
        _separable = options.Separable;
        _withMargin = options.WithMargin;
        _learningRates = options.LearningRateAdaptation;
        _mirroredOrthogonal = options.MirroredOrthogonalSampling;
        _warmStartTrials = options.WarmStartTrials?.ToArray();
        _independent = options.IndependentSampler ?? new RandomSampler(options.Seed);
        _variant = (_separable ? "sep" : "full") + (_withMargin ? "+margin" : string.Empty);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Directions.Count != 1)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"CmaEsSampler optimizes a single objective, but study '{study.Name}' has {study.Directions.Count}. Use a multi-objective sampler for it."));
        }

        ArgumentNullException.ThrowIfNull(trial);
        Bind(study);
        _known.Add(trial.Id);
        _own.Add(trial.Id);
        _ownUnfinished.Add(trial.Id);
        _foreignUnfinished.Remove(trial.Id);
        _independent.BeforeTrial(study, trial);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        Bind(study);

        // Trials this sampler started report their end through AfterTrial; the storage is read again only when some
        // other worker (another process, another study handle) created a trial or had one unfinished, so that a
        // single-process study costs O(1) per trial rather than a copy of its whole history. Own trials may be told
        // through another handle too: when earlier ones are pending and none ended here since the last sample (as
        // parallel workers each end one before asking for the next), their results are looked for in the storage.
        var summary = study.Storage.GetStudy(study.Id);
        _studyAttrs = summary.SystemAttrs;
        var ownQuiet = _ownUnfinished.Count > 1 && !_ownEndedSinceSample;
        _ownEndedSinceSample = false;
        if (summary.TrialCount > _known.Count || _foreignUnfinished.Count > 0 || ownQuiet)
        {
            Poll(study);
        }

        if (_fresh.Count == 0)
        {
            return _space;
        }

        foreach (var fresh in _fresh)
        {
            IndexGeneration(fresh);
        }

        // The intersection only shrinks, and only when a new trial lacks one of its parameters: check that first, since
        // recomputing it copies the whole space.
        if (_joint is not null && CoverAll(_fresh, _joint))
        {
            _fresh.Clear();
            return _space;
        }

        _joint = _intersection.Calculate(_fresh);
        _fresh.Clear();
        // A hash map: Trial looks every parameter up in it; CmaEsModel orders the names itself.
        var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in _joint)
        {
            if (distribution is FloatDistribution or IntDistribution && !distribution.IsSingle())
            {
                space[name] = distribution;
            }
        }

        if (!SameSpace(space, _space))
        {
            _space = space;
        }

        return _space;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        Bind(study);
        if (searchSpace.Count == 0)
        {
            return EmptySample;
        }

        if (searchSpace.Count == 1)
        {
            NoteOneDimensional(study, searchSpace.Keys.First());
            return EmptySample;
        }

        var model = ModelFor(searchSpace);
        var state = CurrentState(study, model, trial.Number);

        // Normally at most one generation is ready; more when a worker that claimed an update died before saving it.
        while (ReadyMembers(model, state) is { } members)
        {
            state = Advance(study, model, state, members);
        }

        var n = model.Space.Dimension;
        var raw = new double[n];
        var index = _mirroredOrthogonal && state.FirstTrial >= 0 ? trial.Number - state.FirstTrial : -1;
        SampleInside(state, model.Space, _seed, index, trial.Number, raw);
        var point = raw;
        if (state.MarginScale is not null)
        {
            point = new double[n];
            CmaEsMargin.Encode(state, model.Space, raw, point);
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = model.Space.FromUnit(i, point[i]);
        }

        // A trial with enqueued values is not a sample of the distribution, so it does not join a generation.
        if (!HasFixedParams(trial, model.Space))
        {
            trial.SetSystemAttr(SpaceAttr, model.Key);
            trial.SetSystemAttr(GenerationAttr, model.Boxed(state.Generation));
            if (state.MarginScale is not null)
            {
                trial.SetSystemAttr(RawAttr, CmaEsStateJson.Pack(raw));
            }
        }

        return new CmaEsSample(model.Space.Names, model.Space.Index, values);
    }

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(name);
        if (_seen.Count > 0 && _independentNames.Add(name))
        {
            WriteNotice(study);
        }

        return _independent.SampleIndependent(study, trial, name, distribution);
    }

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        Bind(study);
        _foreignUnfinished.Remove(trial.Id);
        _ownEndedSinceSample |= _ownUnfinished.Remove(trial.Id);

        // What the storage is about to keep, taken now so that the next sample needs no read of the storage. The trial's
        // system attributes can be shared: a finished trial never changes them again.
        if (state == TrialState.Complete && values is not null && _seen.Add(trial.Id))
        {
            _fresh.Add(new FrozenTrial
            {
                Id = trial.Id,
                Number = trial.Number,
                State = TrialState.Complete,
                Values = [.. values],
                Params = trial.Params,
                SystemAttrs = trial.SystemAttrs,
            });
        }

        _independent.AfterTrial(study, trial, state, values);
    }

    /// <summary>The saved state of a study's search over a space, for tests and diagnostics.</summary>
    internal static CmaEsState? ReadState(Study study, string key) =>
        study.SystemAttrs.TryGetValue($"cmaes:{key}:state", out var value) && value is string json ? CmaEsStateJson.Read(json) : null;

    private static void Validate(CmaEsSamplerOptions options)
    {
        if (options.PopulationSize is { } size && (size < 2 || size > CmaEsRestarts.MaxPopulationSize))
        {
            throw new ArgumentException(Invariant($"PopulationSize must be in [2, {CmaEsRestarts.MaxPopulationSize}], but got {size}. Leave it null for the default 4 + floor(3 ln n)."), nameof(options));
        }

        if (options.Sigma0 is { } sigma && !(sigma > 0 && double.IsFinite(sigma)))
        {
            throw new ArgumentException(Invariant($"Sigma0 must be a finite number > 0 (a fraction of each parameter's range), but got {sigma}. Leave it null for 1/6."), nameof(options));
        }

        if (options.IncPopSize < 1)
        {
            throw new ArgumentException(Invariant($"IncPopSize must be >= 1, but got {options.IncPopSize}. Use 2 (the default) to double the population at each restart."), nameof(options));
        }

        if (options.LearningRateAdaptation && options.Separable)
        {
            throw new ArgumentException("LearningRateAdaptation applies to the full covariance only, but Separable is true. Set one of them to false.", nameof(options));
        }

        if (!Enum.IsDefined(options.Restart))
        {
            throw new ArgumentException(Invariant($"Restart must be None, Ipop or Bipop, but got {(int)options.Restart}."), nameof(options));
        }

        if (options.WarmStartTrials is { } trials)
        {
            if (options.X0 is not null || options.Sigma0 is not null)
            {
                throw new ArgumentException("WarmStartTrials sets the initial mean and step size, so X0 and Sigma0 must be null with it, but one of them is set. Drop X0 and Sigma0, or WarmStartTrials.", nameof(options));
            }

            if (!trials.Any(t => t.State == TrialState.Complete && t.Values is [var v] && double.IsFinite(v)))
            {
                throw new ArgumentException(Invariant($"WarmStartTrials must hold complete single-objective trials, but none of its {trials.Count} is. Pass the trials of an earlier study, or leave it null."), nameof(options));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static bool SameSpace(IReadOnlyDictionary<string, Distribution> a, IReadOnlyDictionary<string, Distribution> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, distribution) in a)
        {
            if (!b.TryGetValue(name, out var other) || !other.Equals(distribution))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every trial has every parameter of a space with the same distribution.</summary>
    private static bool CoverAll(List<FrozenTrial> trials, IReadOnlyDictionary<string, Distribution> space)
    {
        foreach (var trial in trials)
        {
            if (!Covers(trial, space))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a trial has every parameter of a space with the same distribution.</summary>
    private static bool Covers(FrozenTrial trial, IReadOnlyDictionary<string, Distribution> space)
    {
        foreach (var (name, distribution) in space)
        {
            if (!trial.Params.TryGet(name, out var own, out _) || !own.Equals(distribution))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasFixedParams(Trial trial, CmaEsSpace space)
    {
        if (trial.FixedParams.Count == 0)
        {
            return false;
        }

        foreach (var name in space.Names)
        {
            if (trial.FixedParams.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadLong(object? value, out long result)
    {
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case double d when d == Math.Round(d):
                result = (long)d;
                return true;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var parsed):
                result = parsed;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static double[]? ReadRaw(object? value, int dimension)
    {
        try
        {
            return value is string text && CmaEsStateJson.Unpack(text) is { } raw && raw.Length == dimension ? raw : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Draws inside the unit cube: up to 10·n draws (at most 100), then the last one mirrored in. With margin, only the
    /// continuous coordinates are bounded: discrete ones are rounded to the nearest end anyway.</summary>
    /// <remarks>With mirrored orthogonal sampling, <paramref name="index"/> is the trial's position in its generation;
    /// a trial numbered before the generation's first (possible with parallel workers), or of a state saved without
    /// the first trial's number, draws independently, as every trial does without it (index −1).</remarks>
    private static void SampleInside(CmaEsState state, CmaEsSpace space, long seed, long index, long trialNumber, double[] x)
    {
        var bounded = state.MarginScale is null;
        var attempts = Math.Min(10 * x.Length, 100);
        var random = new SplitMix64(seed, trialNumber);
        double[]? z = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (index >= 0)
            {
                z ??= new double[x.Length];
                CmaEsMirroredOrthogonal.Draw(seed, state.FirstTrial, index, attempt, z);
                state.Transform(z, x);
            }
            else
            {
                state.Sample(ref random, x);
            }

            if (Inside(x, space, bounded))
            {
                return;
            }
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (bounded || !space.IsDiscrete[i])
            {
                x[i] = Mirror(x[i]);
            }
        }
    }

    private static bool Inside(double[] x, CmaEsSpace space, bool bounded)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if ((bounded || !space.IsDiscrete[i]) && !(x[i] >= 0 && x[i] <= 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reflects a coordinate into [0, 1] at both faces, as often as needed.</summary>
    private static double Mirror(double u)
    {
        var r = u % 2;
        if (r < 0)
        {
            r += 2;
        }

        return r > 1 ? 2 - r : r;
    }

    /// <summary>Resets every cache when the sampler is used with another study.</summary>
    private void Bind(Study study)
    {
        if (study.Id == _studyId && ReferenceEquals(study.Storage, _storage))
        {
            return;
        }

        _studyId = study.Id;
        _storage = study.Storage;
        _seen.Clear();
        _known.Clear();
        _own.Clear();
        _ownUnfinished.Clear();
        _ownEndedSinceSample = false;
        _foreignUnfinished.Clear();
        _fresh.Clear();
        _studyAttrs = null;
        _generations.Clear();
        _models.Clear();
        _independentNames.Clear();
        _intersection = new IntersectionSearchSpace();
        _space = EmptySpace;
        _joint = null;
        _lastModel = null;
        _lastSpace = null;
        _oneDimensional = null;
        _notice = null;
    }

    /// <summary>Reads every trial of the study: complete ones not seen yet become fresh, and unfinished ones that other
    /// workers started are remembered, to be read again until they end.</summary>
    private void Poll(Study study)
    {
        _foreignUnfinished.Clear();
        foreach (var trial in study.Storage.GetAllTrials(study.Id))
        {
            _known.Add(trial.Id);
            if (trial.State.IsFinished())
            {
                _ownUnfinished.Remove(trial.Id);
            }

            if (trial.State == TrialState.Complete)
            {
                if (_seen.Add(trial.Id))
                {
                    _fresh.Add(trial);
                }
            }
            else if (!trial.State.IsFinished() && !_own.Contains(trial.Id))
            {
                _foreignUnfinished.Add(trial.Id);
            }
        }
    }

    private void IndexGeneration(FrozenTrial trial)
    {
        if (!trial.SystemAttrs.TryGetValue(SpaceAttr, out var key) || key is not string spaceKey
            || !trial.SystemAttrs.TryGetValue(GenerationAttr, out var generationValue) || !TryReadLong(generationValue, out var generation))
        {
            return;
        }

        if (!_generations.TryGetValue(spaceKey, out var byGeneration))
        {
            _generations[spaceKey] = byGeneration = [];
        }

        if (!byGeneration.TryGetValue(generation, out var members))
        {
            byGeneration[generation] = members = [];
        }

        members.Add(trial);
    }

    private CmaEsModel ModelFor(IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        if (_lastModel is { } last && (ReferenceEquals(_lastSpace, searchSpace) || SameSpace(last.Distributions, searchSpace)))
        {
            _lastSpace = searchSpace;
            return last;
        }

        var ordered = new SortedDictionary<string, Distribution>(searchSpace.ToDictionary(), StringComparer.Ordinal);
        var key = CmaEsSpace.KeyOf(ordered, _variant);
        if (!_models.TryGetValue(key, out var model))
        {
            _models[key] = model = new CmaEsModel(key, ordered);
        }

        _lastModel = model;
        _lastSpace = searchSpace;
        return model;
    }

    /// <summary>The state to sample from: the saved one, unless this worker holds a newer one it could not save.</summary>
    private CmaEsState CurrentState(Study study, CmaEsModel model, long trialNumber)
    {
        if (ReadStored(study, model) is { } stored)
        {
            if (model.Local is { } local && local.Generation > stored.Generation)
            {
                return local;
            }

            model.Local = null;
            return stored;
        }

        if (model.Local is { } pending)
        {
            return pending;
        }

        var initial = CreateInitial(study, model);
        initial.FirstTrial = trialNumber;
        if (study.Storage.TryClaim(study.Id, model.InitClaimKey))
        {
            Save(study, model, initial);
            return initial;
        }

        // Another worker claimed the start; until its state is visible, this worker's identical start serves.
        if (ReadStored(study, model, fresh: true) is { } theirs)
        {
            return theirs;
        }

        model.Local = initial;
        return initial;
    }

    /// <summary>The saved state; from the study attributes read for this trial, or read afresh.</summary>
    private CmaEsState? ReadStored(Study study, CmaEsModel model, bool fresh = false)
    {
        var attrs = fresh || _studyAttrs is null ? study.SystemAttrs : _studyAttrs;
        if (!attrs.TryGetValue(model.StateKey, out var value) || value is not string json)
        {
            return null;
        }

        if (!string.Equals(json, model.Json, StringComparison.Ordinal))
        {
            model.Stored = CmaEsStateJson.Read(json);
            model.Json = json;
        }

        return model.Stored;
    }

    private void Save(Study study, CmaEsModel model, CmaEsState state)
    {
        var json = CmaEsStateJson.Write(state);
        study.SetSystemAttr(model.StateKey, json);
        model.Json = json;
        model.Stored = state;
        model.Local = null;
    }

    /// <summary>The first λ complete trials of the state's generation, by number, once there are λ of them.</summary>
    private List<FrozenTrial>? ReadyMembers(CmaEsModel model, CmaEsState state)
    {
        if (!_generations.TryGetValue(model.Key, out var byGeneration)
            || !byGeneration.TryGetValue(state.Generation, out var members)
            || members.Count < state.PopulationSize)
        {
            return null;
        }

        members.Sort((a, b) => a.Number.CompareTo(b.Number));
        return members.GetRange(0, state.PopulationSize);
    }

    /// <summary>Updates the distribution with a complete generation, restarting if a criterion says so, and saves the
    /// result when this worker wins the generation's claim.</summary>
    private CmaEsState Advance(Study study, CmaEsModel model, CmaEsState state, List<FrozenTrial> members)
    {
        var sign = study.Direction == StudyDirection.Maximize ? -1.0 : 1.0;
        var n = model.Space.Dimension;
        var solutions = new List<(double[] X, double Value)>(members.Count);
        foreach (var trial in members)
        {
            var x = state.MarginScale is not null && trial.SystemAttrs.TryGetValue(RawAttr, out var stored) ? ReadRaw(stored, n) : null;
            if (x is null)
            {
                x = new double[n];
                var parameters = trial.InternalParams;
                for (var i = 0; i < n; i++)
                {
                    x[i] = model.Space.ToUnit(i, parameters[model.Space.Names[i]]);
                }
            }

            solutions.Add((x, sign * trial.Value));
        }

        var generation = state.Generation;
        bool[]? demoted = null;

        // Pairwise selection needs the generation's first trial, which states saved by earlier versions lack.
        if (_mirroredOrthogonal && state.FirstTrial >= 0)
        {
            var numbers = new long[members.Count];
            var values = new double[members.Count];
            for (var i = 0; i < members.Count; i++)
            {
                numbers[i] = members[i].Number;
                values[i] = solutions[i].Value;
            }

            demoted = CmaEsMirroredOrthogonal.PairLosers(numbers, values, state.FirstTrial);
        }

        // Once told, a generation's trials are never read again.
        _generations[model.Key].Remove(generation);
        var next = state.Clone();
        var stop = next.Tell(solutions, model.ParametersFor(next.PopulationSize, next.Separable), _restart != CmaEsRestartStrategy.None, demoted);
        if (next.MarginScale is not null)
        {
            CmaEsMargin.Correct(next, model.Space);
        }

        if (CmaEsRestarts.ReasonToRestart(next, _restart, stop) is { } reason)
        {
            CmaEsRestarts.Restart(next, _restart, _incPopSize, _sigma0, reason);
        }

        // The next generation starts with the trial after the last member, as it does when trials run one at a time.
        next.FirstTrial = members[^1].Number + 1;
        if (study.Storage.TryClaim(study.Id, model.ClaimKey(generation)))
        {
            Save(study, model, next);
            return next;
        }

        // Another worker claimed this update: use its saved state once visible, this identical computation until then.
        if (ReadStored(study, model, fresh: true) is { } saved && saved.Generation > generation)
        {
            model.Local = null;
            return saved;
        }

        model.Local = next;
        return next;
    }

    private CmaEsState CreateInitial(Study study, CmaEsModel model)
    {
        var space = model.Space;
        var n = space.Dimension;
        var populationSize = _populationSize ?? (4 + (int)Math.Floor(3 * Math.Log(n)));
        double[] mean;
        var sigma = _sigma0;
        double[]? covariance = null;
        if (_warmStartTrials is not null)
        {
            var sign = study.Direction == StudyDirection.Maximize ? -1.0 : 1.0;
            (mean, sigma, covariance) = CmaEsWarmStart.Estimate(space, model.Distributions, _warmStartTrials, sign, _separable)
                ?? throw new InvalidOperationException(
                    $"None of the {_warmStartTrials.Length} WarmStartTrials is a complete trial with every parameter of the search space [{string.Join(", ", space.Names)}] and the same distributions. Pass trials of a study over the same parameters, or leave WarmStartTrials null.");
        }
        else
        {
            mean = new double[n];
            for (var i = 0; i < n; i++)
            {
                mean[i] = _x0 is not null && _x0.TryGetValue(space.Names[i], out var value) ? X0Unit(space, model.Distributions, i, value) : 0.5;
            }
        }

        var state = new CmaEsState(n, _separable, populationSize, mean, sigma, covariance) { Seed = _seed };
        if (_withMargin)
        {
            state.MarginScale = new double[n];
            Array.Fill(state.MarginScale, 1.0);
        }

        if (_learningRates)
        {
            state.LearningRates = new CmaEsLearningRates(n);
        }

        return state;
    }

    private static double X0Unit(CmaEsSpace space, IReadOnlyDictionary<string, Distribution> distributions, int i, object? value)
    {
        var name = space.Names[i];
        var distribution = distributions[name];
        double internalValue;
        try
        {
            internalValue = distribution.ToInternal(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"X0['{name}'] does not fit {distribution}: {e.Message}", e);
        }

        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException(Invariant($"X0['{name}'] = {value} lies outside {distribution}. Give a value inside the distribution, or leave '{name}' out of X0 to start at its centre."));
        }

        return Math.Clamp(space.ToUnit(i, internalValue), 0, 1);
    }

    private void NoteOneDimensional(Study study, string name)
    {
        if (_oneDimensional == name)
        {
            return;
        }

        _oneDimensional = name;
        WriteNotice(study);
    }

    private void WriteNotice(Study study)
    {
        var sampler = _independent.GetType().Name;
        var parts = new List<string>();
        if (_oneDimensional is { } single)
        {
            parts.Add($"CMA-ES needs at least two float or int parameters shared by every complete trial, but there is only '{single}'; every parameter is sampled by {sampler} instead.");
        }

        var others = _independentNames.Where(n => n != _oneDimensional).Select(n => $"'{n}'").ToList();
        if (others.Count > 0)
        {
            parts.Add($"CmaEsSampler samples {string.Join(", ", others)} with {sampler}: CMA-ES models only the float and int parameters that every complete trial has.");
        }

        var notice = string.Join(" ", parts);
        if (parts.Count > 0 && notice != _notice)
        {
            _notice = notice;
            study.SetSystemAttr(NoticeAttr, notice);
        }
    }
}

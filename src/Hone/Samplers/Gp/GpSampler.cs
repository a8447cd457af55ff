using System.Globalization;
using Hone.Distributions;
using Hone.SearchSpaces;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Gp;

/// <summary>
/// Bayesian optimization with a Gaussian process (Snoek et al. 2012, "Practical Bayesian Optimization of Machine
/// Learning Algorithms"): models the objective with a GP fitted to the complete trials and proposes the point that
/// maximizes an acquisition function, log expected improvement by default. The most sample-efficient sampler of Hone
/// on smooth, low-dimensional objectives of a few hundred trials; each trial costs far more than with TPE.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> Matérn-5/2 kernel with one lengthscale per parameter (automatic relevance determination) over
/// the parameters every complete trial shares (<see cref="IntersectionSearchSpace"/>), mapped onto [0, 1] (log
/// parameters in log space). Integers and stepped floats are rounded inside the kernel; categorical parameters are
/// compared for equality only (a Hamming distance with its own lengthscale). Objective values (negated when
/// maximizing) have their upper tail log-compressed, which keeps the order of the trials, and are then standardized:
/// a constant objective gives a flat model, values near the largest double do not overflow. The lengthscales, signal
/// and noise variance maximize the marginal likelihood times a prior (Gamma(3, 6) lengthscales, Gamma(2, 0.15) signal,
/// Gamma(1.1, 30) noise), by L-BFGS with analytic gradients, started from the previous trial's fit and from a default
/// point: at every trial below 100 training trials, at every tenth above (in between, the model keeps the last
/// hyperparameters and is conditioned on the new trials, which keeps the cost of a trial down). A noise term is
/// fitted unless <see cref="GpSamplerOptions.DeterministicObjective"/>; the Cholesky factorization retries with
/// growing jitter (duplicate points), and a fit that fails keeps the last good hyperparameters.</para>
/// <para><b>Acquisition.</b> Log expected improvement (Ament et al. 2023), or the upper confidence bound, scored on
/// <see cref="GpSamplerOptions.Candidates"/> scrambled Sobol candidates plus a quarter as many drawn around the best
/// trials, and refined by L-BFGS from the best few and from the best trial, alternating with a one-step search over
/// discrete and categorical parameters. With constraints (<see cref="StudyOptions.Constraints"/>)
/// each constraint gets its own GP, and log EI adds ln P(feasible) of each (P(feasible) alone while no trial is feasible;
/// the upper confidence bound adds it too). Running trials that have the joint parameters enter the models as
/// fantasies at their predicted value (the "kriging believer"), so parallel workers propose distinct points.</para>
/// <para><b>Start-up and the rest.</b> The first trial and parameters outside the joint space come from
/// <see cref="GpSamplerOptions.IndependentSampler"/>; the next trials up to <see cref="GpSamplerOptions.StartupTrials"/>
/// complete ones from a scrambled Sobol sequence (<see cref="QmcSampler"/>). Failed and pruned trials are ignored.
/// Single-objective only: a study with several directions is refused when its first trial starts.</para>
/// <para><b>Cost.</b> A trial costs O(n³) for n complete trials (a few dozen factorizations while fitting, about n³/2
/// multiply-adds each) plus O(n²) per candidate, so the model keeps at most
/// <see cref="GpSamplerOptions.MaxTrainingTrials"/> trials (default 300): the best third by value and the most recent
/// others; past that the cost of a trial stops growing (about 40 ms of CPU per trial for 10 floats). The same
/// seed run sequentially proposes the same trials.</para>
/// </remarks>
public sealed class GpSampler : ISampler
{
    private const int ColdIterations = 100;
    private const int WarmIterations = 50;

    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    private readonly int _startupTrials;
    private readonly GpAcquisition _acquisition;
    private readonly double _ucbBeta;
    private readonly bool _deterministic;
    private readonly int _maxTraining;
    private readonly int _candidates;
    private readonly int _localSearches;
    private readonly Random _random;
    private readonly ISampler _independent;
    private readonly QmcSampler _startup;
    private object? _storage;
    private long _studyId;
    private IntersectionSearchSpace _intersection = new();
    private string[] _modelNames = [];
    private GpModels? _models;

    /// <summary>Creates a GP sampler.</summary>
    /// <param name="options">The options; default: log EI, 10 start-up trials, no seed.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public GpSampler(GpSamplerOptions? options = null)
    {
        options ??= new GpSamplerOptions();
        Check(options.StartupTrials >= 1, "StartupTrials", options.StartupTrials, ">= 1");
        Check(Enum.IsDefined(options.Acquisition), "Acquisition", options.Acquisition, string.Join(" or ", Enum.GetNames<GpAcquisition>()));
        Check(double.IsFinite(options.UcbBeta) && options.UcbBeta >= 0, "UcbBeta", options.UcbBeta, "finite and >= 0");
        Check(options.MaxTrainingTrials >= 10, "MaxTrainingTrials", options.MaxTrainingTrials, ">= 10");
        Check(options.Candidates >= 1, "Candidates", options.Candidates, ">= 1");
        Check(options.LocalSearches >= 0, "LocalSearches", options.LocalSearches, ">= 0");
        _startupTrials = options.StartupTrials;
        _acquisition = options.Acquisition;
        _ucbBeta = options.UcbBeta;
        _deterministic = options.DeterministicObjective;
        _maxTraining = options.MaxTrainingTrials;
        _candidates = options.Candidates;
        _localSearches = options.LocalSearches;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        _independent = options.IndependentSampler ?? new RandomSampler(options.Seed);
        _startup = new QmcSampler(new QmcSamplerOptions { Seed = options.Seed, IndependentSampler = _independent });
    }

    /// <inheritdoc/>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Directions.Count > 1)
        {
            throw new NotSupportedException(string.Create(
                CultureInfo.InvariantCulture,
                $"GpSampler supports single-objective studies only, but study '{study.Name}' has {study.Directions.Count} directions. Use RandomSampler for a multi-objective study for now."));
        }

        _independent.BeforeTrial(study, trial);
    }

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        _independent.AfterTrial(study, trial, state, values);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        Attach(study);
        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in _intersection.Calculate(study))
        {
            if (!distribution.IsSingle())
            {
                space.Add(name, distribution);
            }
        }

        return space;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            return EmptySample;
        }

        Attach(study);
        var complete = new List<FrozenTrial>();
        foreach (var candidate in study.GetTrials(TrialState.Complete))
        {
            if (Covers(candidate, searchSpace))
            {
                complete.Add(candidate);
            }
        }

        if (complete.Count < _startupTrials)
        {
            return _startup.SampleRelative(study, trial, searchSpace);
        }

        var space = new GpSpace(searchSpace);
        if (_models is null || !_modelNames.AsSpan().SequenceEqual(space.Names))
        {
            // A new joint space: hyperparameters fitted to another one are no warm start.
            _modelNames = space.Names;
            _models = null;
        }

        var pending = new List<FrozenTrial>();
        foreach (var running in study.GetTrials(TrialState.Running))
        {
            if (running.Number != trial.Number && Covers(running, searchSpace))
            {
                pending.Add(running);
            }
        }

        var sign = study.Directions[0] == StudyDirection.Maximize ? -1.0 : 1.0;
        _models = GpModels.Build(space, Select(complete, sign), pending, sign, _deterministic, _models, ColdIterations, WarmIterations);
        var function = _models.Acquisition(_acquisition, _ucbBeta);
        var optimizer = new GpAcquisitionOptimizer(space, _candidates, _localSearches);
        var point = optimizer.Maximize(function, _random.Next(), _models.BestInputs);
        var sample = new Dictionary<string, double>(space.Dimension, StringComparer.Ordinal);
        for (var i = 0; i < space.Dimension; i++)
        {
            sample[space.Names[i]] = space.Decode(i, point[i]);
        }

        return sample;
    }

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        _independent.SampleIndependent(study, trial, name, distribution);

    private static void Check(bool valid, string option, object value, string range)
    {
        if (!valid)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"GpSamplerOptions.{option} must be {range}, but got {value}."),
                "options");
        }
    }

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

    /// <summary>The trials the GP is fitted to: all of them up to the cap, beyond it the best third (feasible first,
    /// then by loss) and the most recent of the others.</summary>
    private List<FrozenTrial> Select(List<FrozenTrial> complete, double sign)
    {
        if (complete.Count <= _maxTraining)
        {
            return complete;
        }

        var ranked = new List<FrozenTrial>(complete);
        ranked.Sort((a, b) =>
        {
            var byFeasibility = b.IsFeasible.CompareTo(a.IsFeasible);
            if (byFeasibility != 0)
            {
                return byFeasibility;
            }

            var byLoss = a.IsFeasible ? (sign * a.Value).CompareTo(sign * b.Value) : a.Violation.CompareTo(b.Violation);
            return byLoss != 0 ? byLoss : a.Number.CompareTo(b.Number);
        });
        var best = _maxTraining / 3;
        var chosen = new HashSet<int>();
        for (var i = 0; i < best; i++)
        {
            chosen.Add(ranked[i].Number);
        }

        for (var i = complete.Count - 1; i >= 0 && chosen.Count < _maxTraining; i--)
        {
            chosen.Add(complete[i].Number);
        }

        return complete.FindAll(t => chosen.Contains(t.Number));
    }

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
        _models = null;
    }
}

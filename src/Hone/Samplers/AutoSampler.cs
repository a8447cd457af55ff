using System.Globalization;
using Hone.Distributions;
using Hone.SearchSpaces;
using Hone.Samplers.CmaEs;
using Hone.Samplers.Gp;
using Hone.Samplers.Nsga;
using Hone.Samplers.Tpe;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers;

/// <summary>
/// The sampler a study uses when none is named: picks, trial by trial, the sampler expected to do best for the
/// study's space and progress, and records its choice in the trial's system attribute <c>auto:sampler</c>.
/// </summary>
/// <remarks>
/// <para>The rule, checked when each trial starts:</para>
/// <list type="number">
/// <item>Two objectives: <see cref="NsgaIISampler"/>; three or more: <see cref="NsgaIIISampler"/>, whose reference
/// points keep the front spread where NSGA-II's crowding distance no longer does (both with their default options).</item>
/// <item>A conditional space (some complete trial has a parameter another lacks), while fewer than
/// <see cref="AutoSamplerOptions.GpTrials"/> trials are complete: one GP per sub-space, the next trial going to the
/// sub-space with the largest expected improvement (so a branch that looked worse at first is still searched); then
/// multivariate TPE with group decomposition and the constant liar (<see cref="TpeSampler"/>).</item>
/// <item>Otherwise, while fewer than <see cref="AutoSamplerOptions.GpTrials"/> trials are complete:
/// <see cref="GpSampler"/>, the most sample-efficient on small budgets (its own start-up design comes first).</item>
/// <item>Then, in a space of two or more float and int parameters and no categorical one: CMA-ES with IPOP restarts
/// (<see cref="CmaEsSampler"/>), its initial distribution estimated from the trials so far (warm start); it keeps
/// improving on long continuous runs where TPE stalls (Rosenbrock-10D at 800 trials: median regret 9.1 against 74.5
/// with TPE, bench/RESULTS.md, Session 5).</item>
/// <item>Otherwise TPE (as above), whose cost per trial stays low over thousands of trials.</item>
/// </list>
/// <para>After the recommendations of Optuna's AutoSampler (OptunaHub) and of Eggensperger et al. 2021, "HPOBench":
/// Bayesian optimization with a GP for small budgets (one per sub-space of a conditional space), CMA-ES for long
/// continuous runs, TPE for long runs of other spaces, and the evolutionary NSGA-II and NSGA-III for several
/// objectives. The samplers read the study's trials, whichever sampler proposed them, so switching loses nothing.</para>
/// </remarks>
public sealed class AutoSampler : ISampler
{
    /// <summary>The trial system attribute that names the sampler chosen for the trial.</summary>
    public const string ChoiceAttr = "auto:sampler";

    private readonly int _gpTrials;
    private readonly RandomSampler _random;
    private readonly GpSampler _gp;
    private readonly ConditionalGpSampler _conditionalGp;
    private readonly TpeSampler _tpe;
    private readonly NsgaIISampler _nsga2;
    private readonly NsgaIIISampler _nsga3;
    private readonly Dictionary<long, ISampler> _chosen = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private IntersectionSearchSpace _intersection = new();
    private readonly FinishedTrialCursor _cursor = new();
    private readonly int _seed;
    private CmaEsSampler? _cmaes;
    private int _complete;
    private int _numeric;
    private bool _categorical;

    /// <summary>Creates the sampler.</summary>
    /// <param name="options">The options; default: GP for up to 250 complete trials, then TPE, with a random seed.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public AutoSampler(AutoSamplerOptions? options = null)
    {
        options ??= new AutoSamplerOptions();
        if (options.GpTrials < 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"AutoSamplerOptions.GpTrials must be >= 0, but got {options.GpTrials}. Use 0 to skip the Gaussian process, or leave the default 250."),
                nameof(options));
        }

        _gpTrials = options.GpTrials;
        var seed = options.Seed ?? Random.Shared.Next();
        _seed = seed;
        _random = new RandomSampler(seed);
        _gp = new GpSampler(new GpSamplerOptions { Seed = seed });
        _conditionalGp = new ConditionalGpSampler(seed);
        _tpe = new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, Group = true, ConstantLiar = true });
        _nsga2 = new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed });
        _nsga3 = new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed });
    }

    /// <inheritdoc/>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var (sampler, name) = Choose(study);
        _chosen[trial.Id] = sampler;
        trial.SetSystemAttr(ChoiceAttr, name);
        sampler.BeforeTrial(study, trial);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
        For(trial).InferRelativeSearchSpace(study, trial);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        For(trial).SampleRelative(study, trial, searchSpace);

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        For(trial).SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var sampler = For(trial);
        _chosen.Remove(trial.Id);
        sampler.AfterTrial(study, trial, state, values);
    }

    private ISampler For(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return _chosen.TryGetValue(trial.Id, out var sampler) ? sampler : _random;
    }

    private (ISampler Sampler, string Name) Choose(Study study)
    {
        if (study.Directions.Count > 1)
        {
            return study.Directions.Count == 2 ? (_nsga2, "nsga2") : (_nsga3, "nsga3");
        }

        var conditional = ReadFinished(study);
        if (_complete >= _gpTrials)
        {
            if (conditional || _categorical || _numeric < 2)
            {
                return (_tpe, "tpe");
            }

            // Built at the switch, so that its warm start sees the GP's trials; a resumed study reloads the state
            // CMA-ES saved in it rather than starting again.
            _cmaes ??= new CmaEsSampler(new CmaEsSamplerOptions
            {
                Seed = _seed,
                Restart = CmaEsRestartStrategy.Ipop,
                WarmStartTrials = study.GetTrials(TrialState.Complete),
            });
            return (_cmaes, "cmaes");
        }

        return conditional ? (_conditionalGp, "gp-conditional") : (_gp, "gp");
    }

    /// <summary>Reads the trials finished since the last look; whether the complete ones make a conditional space.</summary>
    private bool ReadFinished(Study study)
    {
        var finished = _cursor.ReadNew(study, out var restarted);
        if (restarted)
        {
            _complete = 0;
            _names.Clear();
            _intersection = new IntersectionSearchSpace();
            _categorical = false;
            _cmaes = null;
        }

        var complete = new List<FrozenTrial>();
        foreach (var trial in finished)
        {
            if (trial.State == TrialState.Complete)
            {
                complete.Add(trial);
                _names.UnionWith(trial.Params.Keys);
                foreach (var distribution in trial.Distributions.Values)
                {
                    _categorical |= distribution is CategoricalDistribution;
                }
            }
        }

        _complete += complete.Count;
        var shared = _intersection.Calculate(complete);
        _numeric = shared.Values.Count(d => d is not CategoricalDistribution && !d.IsSingle());
        return shared.Count < _names.Count;
    }
}

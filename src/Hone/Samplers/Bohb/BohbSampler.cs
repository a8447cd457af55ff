using System.Globalization;
using Hone.Distributions;
using Hone.Pruners;
using Hone.Samplers.Tpe;
using Hone.SearchSpaces;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Bohb;

/// <summary>
/// BOHB (Falkner, Klein and Hutter, "BOHB: Robust and Efficient Hyperparameter Optimization at Scale", ICML 2018):
/// Hyperband's budgets with a model-based sampler. Each new trial is drawn at random with probability ρ; otherwise
/// from a TPE-like model, a kernel density l(x) of the good observations and g(x) of the bad ones, fitted at the
/// largest budget that has enough observations, which picks the candidate with the highest l(x)/g(x).
/// </summary>
/// <remarks>
/// <para><b>Pairing.</b> Use it as the sampler of a study whose pruner is a <see cref="HyperbandPruner"/>:
/// <c>new StudyOptions { Sampler = new BohbSampler(), Pruner = new HyperbandPruner(new() { MinResource = 1, MaxResource = 81 }) }</c>,
/// with an objective that reports its validation loss every step and stops when <see cref="Trial.ShouldPrune"/> says
/// so. Do not wrap it in <see cref="BracketedSampler"/>: BOHB learns from every bracket at once, by budget. Hyperband
/// runs asynchronous successive halving, so BOHB here is the asynchronous variant; any
/// <see cref="SuccessiveHalvingPruner"/> also works, and without such a pruner only complete trials count.</para>
/// <para><b>Budgets.</b> The successive-halving pruners record a trial's value at each rung it reaches (system
/// attributes <c>asha:rung_k</c>); rung k of bracket b is budget level b + k, the step <c>MinResource·η^(b+k)</c>, and
/// complete trials' objective values form the full budget above them. A trial stopped below a budget has no observation
/// there; running trials count at the rungs they have passed. The model is fitted at the largest budget with at least
/// <c>N_min + 2</c> observations (<see cref="BohbSamplerOptions.MinPointsInModel"/>); until one has, trials are random.
/// Finished trials are read once each, as they finish.</para>
/// <para><b>Model.</b> The observations at that budget are ranked; the best <c>max(N_min, ⌊γ·n⌋)</c> make l(x), the
/// worst <c>max(N_min, n − |l|)</c> make g(x) (the groups overlap while n is small, as in the paper). Each is a product
/// kernel density over the parameters every finished trial shares (log parameters in log space), bandwidths by the
/// normal reference rule with a floor (<see cref="BohbSamplerOptions.MinBandwidth"/>). <see cref="BohbSamplerOptions.Candidates"/> candidates are drawn from l(x) with its
/// bandwidths widened by <see cref="BohbSamplerOptions.BandwidthFactor"/>, and the one with the highest l(x)/g(x) wins.</para>
/// <para><b>Conditional parameters.</b> A parameter outside that shared space (one that exists only under a condition,
/// such as the units of a third layer) is modelled on its own when the trial suggests it: a one-dimensional l(x)/g(x)
/// fitted to the trials of the same good and bad groups that have it, once each group holds N_min of them (2 unless
/// <see cref="BohbSamplerOptions.MinPointsInModel"/> is set). The reference implementation, HpBandSter, models such
/// parameters too, by filling in their inactive values before it fits one joint density. Until the groups hold
/// enough, and on the random trials, they are sampled at random.</para>
/// <para>Each trial records how it was sampled in its system attribute <c>bohb:budget</c>: <c>random</c>,
/// <c>rung_j</c> (budget level j) or <c>complete</c>, with the number of observations at that budget in
/// <c>bohb:points</c>. Single-objective only. The same seed run sequentially proposes the same trials.</para>
/// </remarks>
public sealed class BohbSampler : ISampler
{
    /// <summary>The system attribute that says how a trial was sampled.</summary>
    public const string BudgetKey = "bohb:budget";

    /// <summary>The system attribute that holds the number of observations the model was fitted on.</summary>
    public const string PointsKey = "bohb:points";

    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();

    private readonly double _randomFraction;
    private readonly int? _minPoints;
    private readonly double _topFraction;
    private readonly double _bandwidthFactor;
    private readonly double _minBandwidth;
    private readonly int _candidates;
    private readonly Random _random;
    private readonly BohbBudgets _budgets = new();

    /// <summary>The good and bad groups of each running trial the model sampled, for its parameters outside the joint space.</summary>
    private readonly Dictionary<long, (List<FrozenTrial> Good, List<FrozenTrial> Bad)> _groups = [];
    private IntersectionSearchSpace _intersection = new(includePruned: true);
    private IReadOnlyDictionary<string, Distribution> _shared = new Dictionary<string, Distribution>();
    private long _refreshedFor = -1;

    /// <summary>Creates a BOHB sampler.</summary>
    /// <param name="options">The options; default: the paper's (ρ = 1/3, γ = 0.15, b_w = 3, 64 candidates), no seed.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public BohbSampler(BohbSamplerOptions? options = null)
    {
        options ??= new BohbSamplerOptions();
        Check(options.RandomFraction is >= 0 and <= 1, "RandomFraction", options.RandomFraction, "in [0, 1]", "The paper uses 1/3.");
        Check(options.MinPointsInModel is null or >= 1, "MinPointsInModel", options.MinPointsInModel, ">= 1", "Leave it unset for d + 1.");
        Check(options.TopFraction is > 0 and < 1, "TopFraction", options.TopFraction, "in (0, 1)", "The paper uses 0.15.");
        Check(double.IsFinite(options.BandwidthFactor) && options.BandwidthFactor >= 1, "BandwidthFactor", options.BandwidthFactor, "finite and >= 1", "The paper uses 3.");
        Check(options.MinBandwidth is > 0 and <= 1, "MinBandwidth", options.MinBandwidth, "in (0, 1]", "The default is 0.1.");
        Check(options.Candidates >= 1, "Candidates", options.Candidates, ">= 1", "The paper uses 64.");
        _randomFraction = options.RandomFraction;
        _minPoints = options.MinPointsInModel;
        _topFraction = options.TopFraction;
        _bandwidthFactor = options.BandwidthFactor;
        _minBandwidth = options.MinBandwidth;
        _candidates = options.Candidates;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
    }

    /// <inheritdoc/>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Directions.Count > 1)
        {
            throw new NotSupportedException(string.Create(
                CultureInfo.InvariantCulture,
                $"BohbSampler supports single-objective studies only, but study '{study.Name}' has {study.Directions.Count} directions. Use RandomSampler for a multi-objective study."));
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        Refresh(study, trial);
        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in _shared)
        {
            if (!distribution.IsSingle())
            {
                space[name] = distribution;
            }
        }

        return space;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        Refresh(study, trial);
        if (searchSpace.Count == 0)
        {
            return EmptySample;
        }

        if (_random.NextDouble() < _randomFraction)
        {
            trial.SetSystemAttr(BudgetKey, "random");
            return EmptySample;
        }

        var names = searchSpace.Keys.Order(StringComparer.Ordinal).ToArray();
        var distributions = names.Select(n => searchSpace[n]).ToArray();
        var minPoints = _minPoints ?? (names.Length + 1);
        var running = study.GetTrials(TrialState.Running).Where(t => t.Id != trial.Id).ToList();
        if (_budgets.Largest(study, running, minPoints + 2, t => HasAll(t, names, distributions)) is not { } budget)
        {
            trial.SetSystemAttr(BudgetKey, "random");
            return EmptySample;
        }

        var (good, bad) = Split(budget.Observations, minPoints);
        var point = Propose(good, bad, names, distributions);
        _groups[trial.Id] = (good, bad);
        trial.SetSystemAttr(BudgetKey, budget.Level == BohbBudgets.CompleteLevel
            ? "complete"
            : string.Create(CultureInfo.InvariantCulture, $"rung_{budget.Level}"));
        trial.SetSystemAttr(PointsKey, budget.Observations.Count);
        var sample = new Dictionary<string, double>(names.Length, StringComparer.Ordinal);
        for (var d = 0; d < names.Length; d++)
        {
            sample[names[d]] = point[d];
        }

        return sample;
    }

    /// <inheritdoc/>
    /// <remarks>A parameter outside the joint space, on a trial the model sampled, gets a one-dimensional l(x)/g(x) fitted
    /// to the trials of that trial's good and bad groups that have it, once each group holds N_min (2 unless
    /// <see cref="BohbSamplerOptions.MinPointsInModel"/> says otherwise); else it is drawn at random.</remarks>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!distribution.IsSingle() && _groups.TryGetValue(trial.Id, out var groups))
        {
            var minPoints = _minPoints ?? 2;
            var good = Having(groups.Good, name, distribution);
            var bad = Having(groups.Bad, name, distribution);
            if (good.Count >= minPoints && bad.Count >= minPoints)
            {
                return Propose(good, bad, [name], [distribution])[0];
            }
        }

        return RandomSampler.Sample(_random, distribution);
    }

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(trial);
        _groups.Remove(trial.Id);
    }

    /// <summary>Ranks the observations of one budget and splits off the good group l(x) and the bad group g(x).</summary>
    private (List<FrozenTrial> Good, List<FrozenTrial> Bad) Split(List<(FrozenTrial Trial, double Value)> observations, int minPoints)
    {
        // Best first; ties to the older trial, so that a seed gives the same groups every run.
        observations.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Trial.Number.CompareTo(b.Trial.Number));
        var n = observations.Count;
        var good = Math.Min(Math.Max(minPoints, (int)Math.Floor(_topFraction * n)), n);
        var bad = Math.Min(Math.Max(minPoints, n - good), n);
        return (observations.GetRange(0, good).ConvertAll(o => o.Trial), observations.GetRange(n - bad, bad).ConvertAll(o => o.Trial));
    }

    /// <summary>The trials of a group that suggested a parameter from the same distribution.</summary>
    private static List<FrozenTrial> Having(List<FrozenTrial> group, string name, Distribution distribution) =>
        group.FindAll(t => t.Params.TryGet(name, out var d, out _) && d.Equals(distribution));

    /// <summary>Fits l(x) and g(x) to a good and a bad group and returns the best candidate's internal values.</summary>
    private double[] Propose(List<FrozenTrial> goodTrials, List<FrozenTrial> badTrials, string[] names, Distribution[] distributions)
    {
        var good = goodTrials.Count;
        var bad = badTrials.Count;
        var parameters = distributions.Select(d => new ParzenParameter(d)).ToArray();
        var goodPoints = Points(goodTrials, names, parameters);
        var badPoints = Points(badTrials, names, parameters);
        var l = BohbDensity.Fit(parameters, goodPoints, good, _minBandwidth, 1);
        var g = BohbDensity.Fit(parameters, badPoints, bad, _minBandwidth, 1);
        var wide = BohbDensity.Fit(parameters, goodPoints, good, _minBandwidth, _bandwidthFactor);

        var candidates = new double[parameters.Length][];
        for (var d = 0; d < parameters.Length; d++)
        {
            candidates[d] = new double[_candidates];
        }

        wide.Sample(_random, candidates, _candidates);

        // Score the values a trial would really get: rounded to the grid, clamped into the range.
        for (var d = 0; d < parameters.Length; d++)
        {
            for (var i = 0; i < _candidates; i++)
            {
                candidates[d][i] = parameters[d].ToModel(parameters[d].FromModel(candidates[d][i]));
            }
        }

        var logL = new double[_candidates];
        var logG = new double[_candidates];
        l.LogPdf(candidates, _candidates, logL);
        g.LogPdf(candidates, _candidates, logG);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _candidates; i++)
        {
            var score = logL[i] - logG[i];
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        var point = new double[parameters.Length];
        for (var d = 0; d < parameters.Length; d++)
        {
            point[d] = parameters[d].FromModel(candidates[d][best]);
        }

        return point;
    }

    /// <summary>The kernel-space values of a group of trials, <c>points[parameter][i]</c>.</summary>
    private static double[][] Points(List<FrozenTrial> trials, string[] names, ParzenParameter[] parameters)
    {
        var points = new double[names.Length][];
        for (var d = 0; d < names.Length; d++)
        {
            points[d] = new double[trials.Count];
            for (var i = 0; i < trials.Count; i++)
            {
                trials[i].Params.TryGet(names[d], out _, out var value);
                points[d][i] = parameters[d].ToModel(value);
            }
        }

        return points;
    }

    private static bool HasAll(FrozenTrial trial, string[] names, Distribution[] distributions)
    {
        for (var d = 0; d < names.Length; d++)
        {
            if (!trial.Params.TryGet(names[d], out var distribution, out _) || !distribution.Equals(distributions[d]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the trials that finished since the last trial; once per trial, so a trial sees one history.</summary>
    private void Refresh(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (_refreshedFor == trial.Id)
        {
            return;
        }

        var (added, restarted) = _budgets.Refresh(study);
        if (restarted)
        {
            _intersection = new IntersectionSearchSpace(includePruned: true);
        }

        _shared = _intersection.Calculate(added);
        _refreshedFor = trial.Id;
    }

    private static void Check(bool valid, string option, object? value, string range, string hint)
    {
        if (!valid)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"BohbSamplerOptions.{option} must be {range}, but got {value ?? "null"}. {hint}"));
        }
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Hyperband (Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter Optimization", JMLR 18, 2018):
/// several brackets of asynchronous successive halving, from aggressive (first judgement at <c>MinResource</c>) to
/// patient (trials run to <c>MaxResource</c> unjudged), which hedges against not knowing how early a learning curve
/// tells the good trials from the bad.
/// </summary>
/// <remarks>
/// <para>With <c>n = floor(log_η(R / r)) + 1</c> brackets, bracket b runs successive halving with its first rung at
/// <c>r * η^b</c> and its last at <c>r * η^(n - 2)</c>: as in the paper, n budget levels in all, the top one R, where
/// complete trials end, and the last bracket (b = n - 1) judges no trial. Each bracket gets trials in proportion to its
/// number of configurations in the paper,
/// <c>ceil(n * η^s / (s + 1))</c> with <c>s = n - 1 - b</c>: the aggressive brackets, whose trials are mostly cut short,
/// get more trials. Trial numbers take the brackets in a fixed, interleaved order that keeps every bracket within one
/// trial of its share from the first trial on (two when rotated by <see cref="HyperbandPrunerOptions.Seed"/>), so that a
/// trial's bracket depends on its number alone and every process agrees. A trial competes only with trials of its own
/// bracket; its bracket is also kept in its system attribute <c>hyperband:bracket</c>.</para>
/// <para>A model-based sampler should learn from each bracket apart: wrap it in <see cref="BracketedSampler"/>; or use
/// <see cref="Samplers.Bohb.BohbSampler"/>, which learns from every bracket by budget.</para>
/// </remarks>
public sealed class HyperbandPruner : IBracketAwarePruner, ISingleObjectivePruner
{
    /// <summary>The system attribute that holds a trial's bracket.</summary>
    public const string BracketKey = "hyperband:bracket";

    private readonly ConditionalWeakTable<Study, StudyBrackets> _studies = [];
    private readonly int _minResource;
    private readonly int? _maxResource;
    private readonly int _reductionFactor;
    private readonly int _bootstrapCount;
    private readonly int? _seed;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: r = 1, η = 3, R inferred from the first complete trial.</param>
    /// <exception cref="ArgumentException">An option is out of range, or <c>MinResource</c> exceeds <c>MaxResource</c>.</exception>
    public HyperbandPruner(HyperbandPrunerOptions? options = null)
    {
        options ??= new HyperbandPrunerOptions();
        options.Validate();
        _minResource = options.MinResource;
        _maxResource = options.MaxResource;
        _reductionFactor = options.ReductionFactor;
        _bootstrapCount = options.BootstrapCount;
        _seed = options.Seed;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The maximum resource inferred from the first complete trial is below <c>MinResource</c>.</exception>
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.IntermediateValues.Count == 0 || BracketsOf(study) is not { } brackets)
        {
            return false;
        }

        var bracket = brackets.Of(trial.Number);
        if (!trial.SystemAttrs.ContainsKey(BracketKey))
        {
            // Written with the trial's next batch: no write of its own.
            study.SetTrialSystemAttr(trial.Id, BracketKey, bracket, now: false);
        }

        // Rungs stop below level n - 1, where the paper's top budget R lies: when R is not r * η^(n - 1) exactly, a
        // rung there would judge trials a few steps short of R, and the patient bracket would not run unjudged.
        return SuccessiveHalving.Prune(study, trial, _minResource, _reductionFactor, bracket, _bootstrapCount, brackets.Rungs[bracket], brackets.Count - 1);
    }

    /// <inheritdoc/>
    public int? GetBracketCount(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return BracketsOf(study)?.Count;
    }

    /// <inheritdoc/>
    public int? GetBracket(Study study, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(study);
        return BracketsOf(study)?.Of(trialNumber);
    }

    private Brackets? BracketsOf(Study study) => _studies.GetValue(study, _ => new StudyBrackets()).Get(study, this);

    private Brackets? Create(Study study)
    {
        var maxResource = _maxResource;
        if (maxResource is null)
        {
            var lastSteps = study.GetTrials(TrialState.Complete).Select(PrunerSteps.LastStep).OfType<int>().ToList();
            if (lastSteps.Count == 0)
            {
                return null;
            }

            maxResource = lastSteps.Max() + 1;
            if (maxResource < _minResource)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"HyperbandPruner inferred MaxResource = {maxResource} (the last step + 1 of the first complete trial), below MinResource = {_minResource}. Set HyperbandPrunerOptions.MaxResource, or MinResource lower."));
            }
        }

        // A negative seed rotates as its two's complement does: any seed is a valid rotation.
        return new Brackets(_minResource, maxResource.Value, _reductionFactor, unchecked((ulong)(_seed ?? 0)));
    }

    /// <summary>The brackets of one study, made once they can be.</summary>
    private sealed class StudyBrackets
    {
        private readonly Lock _gate = new();
        private Brackets? _brackets;

        public Brackets? Get(Study study, HyperbandPruner pruner)
        {
            lock (_gate)
            {
                return _brackets ??= pruner.Create(study);
            }
        }
    }
}

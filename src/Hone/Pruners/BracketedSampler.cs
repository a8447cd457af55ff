using System.Runtime.CompilerServices;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Keeps one sampler per bracket of an <see cref="IBracketAwarePruner"/> (such as <see cref="HyperbandPruner"/>), each
/// seeing only the trials of its own bracket, so that a model-based sampler is not misled by trials another bracket cut
/// short at a different step.
/// </summary>
/// <remarks>
/// <para>Use it as the study's sampler together with a bracket-aware pruner:
/// <c>new BracketedSampler(bracket =&gt; new TpeSampler(...))</c>. Each sampler is created on first use and reads the
/// study through a view that keeps the trials of its bracket: <see cref="Study.GetTrials(TrialState[])"/>,
/// <see cref="Study.Trials"/> and the storage's trial list. Trials that start before the pruner knows its brackets
/// (while it infers its maximum resource from the first complete trial) are sampled by the sampler of bracket -1, which
/// sees every trial.</para>
/// <para>Suits samplers that learn from the trial history (random, TPE). Samplers that claim units of work in the study
/// (grid, QMC) or keep state in study attributes (CMA-ES) would share those between brackets and are not meant for it.</para>
/// </remarks>
public sealed class BracketedSampler : ISampler
{
    private readonly Func<int, ISampler> _create;
    private readonly ConditionalWeakTable<Study, Dictionary<int, (ISampler Sampler, Study View)>> _studies = [];
    private readonly Dictionary<long, int> _running = [];

    /// <summary>Creates the sampler.</summary>
    /// <param name="create">Makes the sampler of a bracket (from 0; -1 before the brackets are known); seed each one differently.</param>
    public BracketedSampler(Func<int, ISampler> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The study's pruner has no brackets.</exception>
    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var bracket = Pruner(study).GetBracket(study, trial.Number) ?? -1;
        _running[trial.Id] = bracket;
        var (sampler, view) = For(study, bracket);
        sampler.BeforeTrial(view, trial);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        var (sampler, view) = For(study, trial);
        return sampler.InferRelativeSearchSpace(view, trial);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        var (sampler, view) = For(study, trial);
        return sampler.SampleRelative(view, trial, searchSpace);
    }

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        var (sampler, view) = For(study, trial);
        return sampler.SampleIndependent(view, trial, name, distribution);
    }

    /// <inheritdoc/>
    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        var (sampler, view) = For(study, trial);
        _running.Remove(trial.Id);
        sampler.AfterTrial(view, trial, state, values);
    }

    private static IBracketAwarePruner Pruner(Study study) =>
        study.Pruner as IBracketAwarePruner ?? throw new InvalidOperationException(
            $"BracketedSampler needs a pruner with brackets, such as HyperbandPruner, but study '{study.Name}' uses {study.Pruner.GetType().Name}. Use the inner sampler directly, or set a HyperbandPruner.");

    /// <summary>The sampler of the bracket a running trial was started in; the study calls samplers one at a time.</summary>
    private (ISampler Sampler, Study View) For(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);

        // A trial resumed by number in another process was not started here: its bracket is read afresh.
        return For(study, _running.TryGetValue(trial.Id, out var bracket) ? bracket : Pruner(study).GetBracket(study, trial.Number) ?? -1);
    }

    private (ISampler Sampler, Study View) For(Study study, int bracket)
    {
        var samplers = _studies.GetValue(study, _ => []);
        if (!samplers.TryGetValue(bracket, out var entry))
        {
            var pruner = Pruner(study);
            var view = bracket < 0 ? study : study.Filtered(t => pruner.GetBracket(study, t.Number) == bracket);
            entry = (_create(bracket) ?? throw new InvalidOperationException($"The factory of BracketedSampler returned null for bracket {bracket}; return a sampler."), view);
            samplers[bracket] = entry;
        }

        return entry;
    }
}

using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the median of the complete trials' values at the
/// trial's last step: the <see cref="PercentilePruner"/> at the 50th percentile, the usual first choice.
/// </summary>
/// <remarks>The rules for steps, NaN and other trials are those of <see cref="PercentilePruner"/>.</remarks>
public sealed class MedianPruner : ISingleObjectivePruner
{
    private readonly PercentilePruner _pruner;

    /// <summary>Creates the pruner.</summary>
    /// <param name="options">The options; default: after 5 complete trials, at every step.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public MedianPruner(MedianPrunerOptions? options = null)
    {
        options ??= new MedianPrunerOptions();
        options.Validate();
        _pruner = new PercentilePruner(new PercentilePrunerOptions
        {
            Percentile = 50,
            StartupTrials = options.StartupTrials,
            WarmupSteps = options.WarmupSteps,
            IntervalSteps = options.IntervalSteps,
            MinTrials = options.MinTrials,
        });
    }

    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial) => _pruner.Prune(study, trial);
}

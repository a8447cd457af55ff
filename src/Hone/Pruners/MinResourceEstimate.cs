using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>The first rung's step of one study, for successive halving without a <c>MinResource</c>: once a trial has
/// completed, its last step / 100, at least 1.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class MinResourceEstimate
{
    private readonly Lock _gate = new();

    /// <summary>The estimate once known, else 0: read without the lock at every report.</summary>
    private volatile int _value;

    /// <summary>The estimate, or <see langword="null"/> while no trial has completed with a report.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The step of the first rung.</returns>
    public int? Get(Study study)
    {
        if (_value is > 0 and var known)
        {
            return known;
        }

        lock (_gate)
        {
            if (_value == 0)
            {
                var lastSteps = study.GetTrials(TrialState.Complete).Select(PrunerSteps.LastStep).OfType<int>().ToList();
                _value = lastSteps.Count == 0 ? 0 : Math.Max(lastSteps.Max() / 100, 1);
            }

            return _value == 0 ? null : _value;
        }
    }
}

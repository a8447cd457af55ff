using Hone.Pruners;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.TestSupport;

/// <summary>A pruner that prunes every trial once it has reported a given step.</summary>
internal sealed class PruneAtStep(int step) : IPruner
{
    public bool Prune(Study study, FrozenTrial trial) => trial.IntermediateValues.ContainsKey(step);
}

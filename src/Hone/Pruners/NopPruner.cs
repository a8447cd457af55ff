using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>A pruner that never prunes: every trial runs to its end. The default.</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc/>
    public bool Prune(Study study, FrozenTrial trial) => false;
}

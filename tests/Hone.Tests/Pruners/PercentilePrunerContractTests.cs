using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class PercentilePrunerContractTests : PrunerContractTests
{
    protected override IPruner CreatePruner(StudyDirection direction) => new PercentilePruner(new PercentilePrunerOptions { Percentile = 25, StartupTrials = 2, WarmupSteps = 1 });
}

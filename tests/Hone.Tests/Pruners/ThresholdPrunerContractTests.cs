using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class ThresholdPrunerContractTests : PrunerContractTests
{
    // From step 2 on, configurations above about 0.55 exceed 1.2 in the minimized sense; the best one stays below 0.65.
    protected override IPruner CreatePruner(StudyDirection direction) => new ThresholdPruner(direction == StudyDirection.Minimize
        ? new ThresholdPrunerOptions { Upper = 1.2, WarmupSteps = 2 }
        : new ThresholdPrunerOptions { Lower = -1.2, WarmupSteps = 2 });
}

using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class MedianPrunerContractTests : PrunerContractTests
{
    protected override IPruner CreatePruner(StudyDirection direction) => new MedianPruner(new MedianPrunerOptions { StartupTrials = 2 });
}

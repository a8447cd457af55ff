using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class HyperbandPrunerContractTests : PrunerContractTests
{
    protected override IPruner CreatePruner(StudyDirection direction) => new HyperbandPruner();
}

using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class SuccessiveHalvingPrunerContractTests : PrunerContractTests
{
    protected override IPruner CreatePruner(StudyDirection direction) => new SuccessiveHalvingPruner();
}

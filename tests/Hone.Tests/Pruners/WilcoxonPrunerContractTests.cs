using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class WilcoxonPrunerContractTests : PrunerContractTests
{
    protected override IPruner CreatePruner(StudyDirection direction) => new WilcoxonPruner();
}

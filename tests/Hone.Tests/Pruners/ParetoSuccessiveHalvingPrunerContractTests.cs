using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class ParetoSuccessiveHalvingPrunerContractTests : PrunerContractTests
{
    protected override bool JudgesSeveralObjectives => true;

    protected override IPruner CreatePruner(StudyDirection direction) => new ParetoSuccessiveHalvingPruner();
}

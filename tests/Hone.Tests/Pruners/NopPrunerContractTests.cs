using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class NopPrunerContractTests : PrunerContractTests
{
    protected override bool PrunesPoorTrials => false;

    protected override bool JudgesSeveralObjectives => true;

    protected override IPruner CreatePruner(StudyDirection direction) => new NopPruner();
}

using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class ParetoMedianPrunerContractTests : PrunerContractTests
{
    protected override bool JudgesSeveralObjectives => true;

    protected override IPruner CreatePruner(StudyDirection direction) => new ParetoMedianPruner(new ParetoMedianPrunerOptions { StartupTrials = 2 });
}

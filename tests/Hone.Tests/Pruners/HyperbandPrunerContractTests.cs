using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class HyperbandPrunerContractTests : PrunerContractTests
{
    // Seed 4 puts trial 30, the poor trial the resumed-study contract expects pruned, in bracket 0; the last bracket
    // (where the study name's hash puts it) judges no trial.
    protected override IPruner CreatePruner(StudyDirection direction) => new HyperbandPruner(new HyperbandPrunerOptions { Seed = 4 });
}

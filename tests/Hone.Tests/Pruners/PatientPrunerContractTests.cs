using Hone.Pruners;
using Hone.Studies;

namespace Hone.Tests.Pruners;

public class PatientPrunerContractTests : PrunerContractTests
{
    protected override IPruner CreatePruner(StudyDirection direction) => new PatientPruner(new MedianPruner(new MedianPrunerOptions { StartupTrials = 2 }), new PatientPrunerOptions { Patience = 2 });
}

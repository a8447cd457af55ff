using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Storages;

public class InMemoryStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage() => new InMemoryStorage();

    [Fact]
    public void CountFinished_TrialsEndingInAnyState_CountsEachOnce()
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { Storage = storage });
        study.Tell(study.Ask(), 1);
        study.Tell(study.Ask(), TrialState.Pruned);
        var running = study.Ask();
        running.Report(1, 0);
        study.EnqueueTrial(new Dictionary<string, object?>());

        Assert.Equal((2, 1, 1), storage.CountFinished(study.Id));
        Assert.Equal(1, study.RunningTrialCount);
        Assert.Equal(2, study.FinishedTrialCount);
        Assert.Equal(1, study.CompleteTrialCount);
    }
}

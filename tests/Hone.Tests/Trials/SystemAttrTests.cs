using Hone.Storages;
using Hone.Studies;
using Hone.Trials;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Trials;

public class SystemAttrTests
{
    [Fact]
    public void SetSystemAttr_OnTrialAndStudy_IsStoredAndReadBack()
    {
        using var database = new TemporaryDatabase();
        var path = database.Path;
        using (var storage = new SqliteStorage(path))
        {
            var study = Study.Create(new StudyOptions { Name = "s", Storage = storage });
            var trial = study.Ask();
            trial.SetSystemAttr("sampler:generation", 3);
            Assert.Equal(3L, trial.SystemAttrs["sampler:generation"]);
            Assert.Equal(3L, study.GetTrials(TrialState.Running)[0].SystemAttrs["sampler:generation"]);
            study.Tell(trial, 1.0);
            study.SetSystemAttr("sampler:state", new Dictionary<string, double> { ["sigma"] = 0.5 });
        }

        using var reopened = new SqliteStorage(path);
        var loaded = Study.Load("s", reopened);
        Assert.Equal(3L, loaded.Trials[0].SystemAttrs["sampler:generation"]);
        var state = (System.Text.Json.JsonElement)loaded.SystemAttrs["sampler:state"]!;
        Assert.Equal(0.5, state.GetProperty("sigma").GetDouble());
    }

    [Fact]
    public void SetSystemAttr_AfterTell_Throws()
    {
        var study = Study.Create();
        var trial = study.Ask();
        study.Tell(trial, 1.0);

        Assert.Throws<TrialAlreadyFinishedException>(() => trial.SetSystemAttr("k", 1));
    }
}

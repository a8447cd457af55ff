using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Trials;

public class SystemAttrTests
{
    [Fact]
    public void SetSystemAttr_OnTrialAndStudy_IsStoredAndReadBack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hone-sysattr-{Guid.NewGuid():N}.db");
        try
        {
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
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
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

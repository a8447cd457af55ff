using Hone.Trials;

namespace Hone.Tests.Cli.Running;

public sealed class ExampleTests
{
    private static string Examples([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "..", "examples"));

    [Fact]
    public void RunShell_AsWritten_Completes()
    {
        using var folder = new StudyFolder(File.ReadAllText(Path.Combine(Examples(), "run-shell", "study.yaml")));
        File.Copy(Path.Combine(Examples(), "run-shell", "objective.sh"), Path.Combine(folder.Path, "objective.sh"));

        var run = folder.Run("--trials", "4");

        Assert.Equal(0, run.ExitCode);
        var trials = folder.Trials("run-shell");
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(3, t.IntermediateValues.Count));
    }

    [SklearnFact]
    public void RunSklearn_TwoTrials_ReachAGoodAccuracy()
    {
        // Run in place, so that train.py finds the helper module, with a storage of its own (logs go to the example's
        // hone-logs folder, which git ignores).
        var temp = Path.Combine(Path.GetTempPath(), "hone-sklearn-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliRun.Plain(
                "run",
                Path.Combine(Examples(), "run-sklearn", "study.yaml"),
                "--storage", $"sqlite:///{temp}.db",
                "--trials", "2",
                "--env", $"PATH={SklearnFactAttribute.Python}:{Environment.GetEnvironmentVariable("PATH")}");

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("Best trial ", run.Error, StringComparison.Ordinal);
            Assert.Matches(@"trial \d complete: 0\.\d+", run.Error);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(temp) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}

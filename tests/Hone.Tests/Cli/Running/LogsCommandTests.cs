using Hone.Storages;
using Hone.Studies;

namespace Hone.Tests.Cli.Running;

public sealed class LogsCommandTests
{
    [Fact]
    public void Logs_AfterARun_PrintsEachStreamAndTheTail()
    {
        using var folder = StudyFolder.Shell("echo one; echo two; echo three; echo oops >&2; echo \"hone: result $0\"", "trials: 1");
        Assert.Equal(0, folder.Run().ExitCode);
        var storage = "sqlite:///" + folder.Database;

        var stdout = CliRun.Plain("logs", "s", "0", "--storage", storage);
        var stderr = CliRun.Plain("logs", "s", "0", "--stderr", "--storage", storage);
        var tail = CliRun.Plain("logs", "s", "0", "--tail", "2", "--storage", storage);

        Assert.Equal((0, "one\ntwo\nthree\n"), (stdout.ExitCode, stdout.Out[..14]));
        Assert.Equal("oops\n", stderr.Out);
        Assert.StartsWith("three\nhone: result ", tail.Out, StringComparison.Ordinal);
        Assert.Equal(2, tail.Out.Count(c => c == '\n'));
    }

    [Fact]
    public void Logs_UnknownTrial_IsAnError()
    {
        using var folder = StudyFolder.Shell("echo \"hone: result $0\"", "trials: 1");
        Assert.Equal(0, folder.Run().ExitCode);

        var run = CliRun.Plain("logs", "s", "7", "--storage", "sqlite:///" + folder.Database);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Study 's' has no trial 7. See its trials with `hone trials s`.\n", run.Error);
    }

    [Fact]
    public void Logs_TrialNotRunByHoneRun_SaysSo()
    {
        using var folder = StudyFolder.Shell("true", "trials: 1");
        using (var storage = new SqliteStorage(folder.Database))
        {
            var study = Study.Create(new StudyOptions { Name = "lib", Storage = storage });
            study.Tell(study.Ask(), 1.0);
        }

        var run = CliRun.Plain("logs", "lib", "0", "--storage", "sqlite:///" + folder.Database);

        Assert.Equal("error: Trial 0 of study 'lib' was not run by `hone run`, so it has no logs.\n", run.Error);
    }

    [Fact]
    public void Logs_TrialOfAWorkerOnAnotherMachine_NamesThatMachine()
    {
        using var folder = StudyFolder.Shell("true", "trials: 1");
        using (var storage = new SqliteStorage(folder.Database))
        {
            var study = Study.Create(new StudyOptions { Name = "remote", Storage = storage });
            var trial = study.Ask();
            trial.SetSystemAttr("run:host", "gpu-node-7");
            trial.SetSystemAttr("run:log_dir", "/scratch/hone-logs/remote/trial-0");
            study.Tell(trial, 1.0);
        }

        var run = CliRun.Plain("logs", "remote", "0", "--storage", "sqlite:///" + folder.Database);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: Trial 0 ran on gpu-node-7, and its log file '/scratch/hone-logs/remote/trial-0/stdout.log' is there: run `hone logs` on gpu-node-7.\n",
            run.Error);
    }
}

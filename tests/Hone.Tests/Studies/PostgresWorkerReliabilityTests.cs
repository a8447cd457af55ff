using System.Diagnostics;
using System.Globalization;
using Hone.Storages;
using Hone.Tests.TestSupport;
using Hone.Trials;
using Npgsql;

namespace Hone.Tests.Studies;

[Collection(PostgresCollection.Name)]
[RequiresEnvironment(PostgresTestDatabase.Variable, PostgresTestDatabase.HowTo)]
public sealed class PostgresWorkerReliabilityTests(PostgresTestDatabase database) : WorkerReliabilityTests
{
    protected override string NewStorage() => $"{database.Url}?schema={database.NewSchema()}";

    protected override IStorage Open(string storage) => Storage.Open(storage);

    [Fact]
    public void Restart_TheServerWhileWorkersRun_TheyPauseReconnectAndLoseNoTrial()
    {
        const int Total = 600;
        var storage = NewStorage();
        var environment = new Dictionary<string, string>
        {
            ["HONE_TESTWORKER_TOTAL"] = Total.ToString(CultureInfo.InvariantCulture),

            // A grace period far longer than the restart: no live worker's trial may be taken for dead.
            ["HONE_TESTWORKER_HEARTBEAT"] = "500,60000",
        };
        var workers = Enumerable.Range(0, 4).Select(i => Start(storage, 1_000_000, TimeSpan.FromMilliseconds(10), seed: i, environment: environment)).ToList();
        workers[0].WaitForLines("complete ", 30);

        RestartServer();

        Assert.False(workers.All(w => w.HasExited), "the workers finished before the server restarted; the test proves nothing");
        foreach (var worker in workers)
        {
            worker.WaitForExit();
            Assert.True(worker.ExitCode == 0, $"worker exited with {worker.ExitCode}: {worker.Errors}");
            Assert.Equal(string.Empty, worker.Errors);
        }

        using var store = Open(storage);
        var trials = store.GetAllTrials(store.GetStudy("study").Id);
        Assert.Equal(Enumerable.Range(0, Total), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Null(t.RetryOf));
        Assert.All(trials, t => Assert.Equal(3, t.Params.Count));
    }

    /// <summary>Restarts the throwaway server of tests/postgres-up.sh (pg_ctl restart) and waits until it accepts connections again.</summary>
    private static void RestartServer()
    {
        var script = FindScript();
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("restart");
        if (Environment.GetEnvironmentVariable("HONE_PG_PORT") is not { Length: > 0 })
        {
            var url = Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)!;
            start.Environment["HONE_PG_PORT"] = PostgresUrl.Parse(url, out _).Port.ToString(CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{script} restart failed (the server must be the throwaway one it started): {error}");

        // Pooled connections of this process died with the server; later tests open fresh ones.
        NpgsqlConnection.ClearAllPools();
    }

    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "tests", "postgres-up.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new InvalidOperationException($"tests/postgres-up.sh was not found above {AppContext.BaseDirectory}.");
    }
}

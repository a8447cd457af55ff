using System.Diagnostics;
using System.Globalization;
using Hone.Samplers.CmaEs;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.CmaEs;

/// <content>Two processes sharing one search through a SQLite file.</content>
public partial class CmaEsSamplerTests
{
    [Fact]
    public void Optimize_TwoProcessesOnOneSqliteFile_AdvanceOneSearchTogether()
    {
        var directory = Directory.CreateTempSubdirectory("hone-cmaes-mp-");
        try
        {
            var path = Path.Combine(directory.FullName, "shared.db");
            using (var storage = new SqliteStorage(path))
            {
                Study.Create(new StudyOptions { Name = "shared", Storage = storage });
            }

            // The worker's objective has a float and a log int (CMA-ES models both) and a categorical; λ = 4; 5 ms a trial.
            // Both workers open the study first and start their trials together, however slowly each process starts.
            var gate = Path.Combine(directory.FullName, "go");
            using var ready = new CountdownEvent(2);
            var workers = new[] { StartWorker(path, seed: 1, gate, ready), StartWorker(path, seed: 2, gate, ready) };
            Assert.True(ready.Wait(TimeSpan.FromMinutes(2)), "the workers did not open the study within 2 minutes");
            File.WriteAllText(gate, string.Empty);
            foreach (var worker in workers)
            {
                Assert.True(worker.WaitForExit(TimeSpan.FromMinutes(2)), "a worker did not finish within 2 minutes");
                Assert.True(worker.ExitCode == 0, $"a worker exited with {worker.ExitCode}: {worker.StandardError.ReadToEnd()}");
                worker.Dispose();
            }

            using (var storage = new SqliteStorage(path))
            {
                var study = Study.Load("shared", storage);
                var tagged = study.GetTrials(TrialState.Complete).Where(t => Key(t) is not null).ToList();
                var key = Assert.Single(tagged.Select(Key).Distinct())!;
                var state = CmaEsSampler.ReadState(study, key)!;
                var claims = storage.GetClaims(study.Id).Where(c => c.Contains(":gen:", StringComparison.Ordinal)).ToHashSet();

                Assert.Equal(120, study.Trials.Count);
                var switches = study.Trials.Zip(study.Trials.Skip(1)).Count(p => !Equals(p.First.UserAttrs["pid"], p.Second.UserAttrs["pid"]));
                Assert.True(switches >= 10, $"the workers took turns only {switches} times: they hardly ran together");
                Assert.True(tagged.Count >= 117, $"only {tagged.Count} trials were sampled by CMA-ES");

                // Each update was claimed by exactly one worker, each saved generation had its λ complete trials, and
                // the workers kept to one sequence of generations: far more than one process alone would reach with
                // its 60 trials (15), and not much fewer than one process with all 120 (29).
                Assert.Equal(Enumerable.Range(0, (int)state.Generation).Select(g => $"cmaes:{key}:gen:{g}").ToHashSet(), claims);
                Assert.All(Enumerable.Range(0, (int)state.Generation), g => Assert.True(tagged.Count(t => Generation(t) == g) >= 4, $"generation {g} has fewer than 4 complete trials"));
                Assert.True(state.Generation >= 20, $"only {state.Generation} generations");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Process StartWorker(string path, int seed, string gate, CountdownEvent ready)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "testworker", "Hone.TestWorker.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the test project, which builds and copies the worker.");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h)
            ? h
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, path, "shared", "60", "5", seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HONE_TESTWORKER_SAMPLER"] = "cmaes";
        start.Environment["HONE_TESTWORKER_GATE"] = gate;
        var process = Process.Start(start)!;

        // Drains the output so that the worker never blocks on a full pipe.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                ready.Signal();
            }
        };
        process.BeginOutputReadLine();
        return process;
    }
}

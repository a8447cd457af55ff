using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Hone.Bench;

/// <summary>Starts benchmark workers as child processes of this program and releases them at once.</summary>
/// <remarks>
/// Protocol: a worker prints a <c>ready</c> line when warmed up and connected, waits for <c>go</c> on its standard
/// input, then prints a <c>done</c> line with its trial count, its Unix start and end times, and the Unix time at which
/// each of its trials was stored (<c>completions</c>) with the processor seconds its process had used by then
/// (<c>completion_cpu</c>), and the processor seconds it used in all (<c>cpu_s</c>).
/// </remarks>
internal static class WorkerGroup
{
    /// <summary>Starts the workers, releases them once all are ready, and collects their reports.</summary>
    /// <param name="workerArguments">Each worker's command line.</param>
    /// <param name="released">Called just before the workers are told to go.</param>
    /// <param name="finished">Called as soon as the last worker has reported its end.</param>
    public static List<WorkerRun> Run(IReadOnlyList<List<string>> workerArguments, Action? released = null, Action? finished = null)
    {
        var workers = workerArguments.Select(Start).ToList();
        try
        {
            foreach (var worker in workers)
            {
                Expect(worker, "ready");
            }

            released?.Invoke();
            foreach (var worker in workers)
            {
                worker.StandardInput.WriteLine("go");
                worker.StandardInput.Flush();
            }

            var runs = workers.Select(w =>
            {
                var done = Expect(w, "done");
                return new WorkerRun(
                    done.GetProperty("trials").GetInt32(),
                    done.GetProperty("start").GetDouble(),
                    done.GetProperty("end").GetDouble(),
                    [.. done.GetProperty("completions").EnumerateArray().Select(c => c.GetDouble())],
                    [.. done.GetProperty("completion_cpu").EnumerateArray().Select(c => c.GetDouble())],
                    done.GetProperty("cpu_s").GetDouble());
            }).ToList();
            finished?.Invoke();
            foreach (var worker in workers)
            {
                worker.WaitForExit();
                if (worker.ExitCode != 0)
                {
                    throw new InvalidOperationException($"A benchmark worker exited with code {worker.ExitCode}; see its error above.");
                }
            }

            return runs;
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill();
                }

                worker.Dispose();
            }
        }
    }

    private static Process Start(List<string> arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Run the same program the same way: the app host directly, or "dotnet Hone.Bench.dll".
        var host = Environment.ProcessPath!;
        info.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start a benchmark worker: {host}.");
    }

    private static JsonElement Expect(Process worker, string expectedEvent)
    {
        while (worker.StandardOutput.ReadLine() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("event", out var e) && e.GetString() == expectedEvent)
            {
                return document.RootElement.Clone();
            }
        }

        worker.WaitForExit();
        throw new InvalidOperationException($"A benchmark worker ended (exit code {worker.ExitCode}) before printing '{expectedEvent}'; see its error above.");
    }
}

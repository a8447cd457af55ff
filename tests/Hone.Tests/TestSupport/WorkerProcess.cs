using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Hone.Tests.TestSupport;

/// <summary>A running Hone.TestWorker process on a storage (a SQLite path or a URL), with its output collected line by line.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _errors = new();

    public WorkerProcess(string storage, string study, int trials, TimeSpan sleep, int seed, int? hangAfter, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "testworker", "Hone.TestWorker.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the test project, which builds and copies the worker.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(storage);
        start.ArgumentList.Add(study);
        start.ArgumentList.Add(trials.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(((int)sleep.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        if (hangAfter is { } hang)
        {
            start.ArgumentList.Add(hang.ToString(CultureInfo.InvariantCulture));
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else
            {
                _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Errors => string.Join("\n", _errors);

    /// <summary>Waits for an output line that starts with <paramref name="prefix"/>; returns the number that follows it.</summary>
    public int WaitForLine(string prefix)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            foreach (var line in _lines.GetConsumingEnumerable(timeout.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"The worker printed no line starting with '{prefix}' (exited: {_process.HasExited}). Errors: {Errors}");
        return -1;
    }

    /// <summary>Waits for the <paramref name="count"/>-th output line that starts with <paramref name="prefix"/>.</summary>
    public void WaitForLines(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            WaitForLine(prefix);
        }
    }

    /// <summary>The output lines not consumed yet, once the process has exited.</summary>
    public IReadOnlyList<string> RemainingLines() => [.. _lines.GetConsumingEnumerable()];

    public bool HasExited => _process.HasExited;

    public void WaitForExit()
    {
        if (!_process.WaitForExit(Patience))
        {
            Kill();
            Assert.Fail($"The worker did not finish within {Patience}. Errors: {Errors}");
        }

        // Drains the asynchronous output readers.
        _process.WaitForExit();
    }

    /// <summary>Ends the process at once, as SIGKILL does: no cleanup, no finally blocks.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    /// <summary>The dotnet host: the one the SDK names in DOTNET_HOST_PATH, the one running these tests, or the one on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}

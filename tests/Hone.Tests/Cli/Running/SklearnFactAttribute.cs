using System.Diagnostics;

namespace Hone.Tests.Cli.Running;

/// <summary>A test that needs python3 with scikit-learn; skipped, saying so, where there is none.</summary>
public sealed class SklearnFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Found = new(FindPython);

    public SklearnFactAttribute()
    {
        if (Python is null)
        {
            Skip = "No python3 with scikit-learn (tried python3 on PATH and /usr/bin/python3); install it with `apt-get install -y python3-sklearn`.";
        }
    }

    /// <summary>The folder of a python3 that imports scikit-learn, or <see langword="null"/>.</summary>
    public static string? Python => Found.Value;

    private static string? FindPython()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "python3"))
            .Append("/usr/bin/python3")
            .Where(File.Exists)
            .Distinct();
        foreach (var candidate in candidates)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate, ["-c", "import sklearn"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                if (process.WaitForExit(60_000) && process.ExitCode == 0)
                {
                    return Path.GetDirectoryName(candidate);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not runnable: try the next.
            }
        }

        return null;
    }
}

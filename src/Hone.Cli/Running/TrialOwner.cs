using System.Diagnostics;
using System.Globalization;

namespace Hone.Cli.Running;

/// <summary>
/// The <c>hone run</c> process that runs a trial, kept in the trial's system attributes so that a later run can tell
/// a trial whose runner was killed (left Running forever) from one another live run owns.
/// </summary>
/// <param name="Host">The machine's name.</param>
/// <param name="ProcessId">The runner's process id.</param>
/// <param name="Started">When the runner process started; with the id it names one process even after ids are reused.</param>
internal sealed record TrialOwner(string Host, long ProcessId, DateTimeOffset Started)
{
    /// <summary>The system attribute with the host.</summary>
    public const string HostKey = "run:host";

    /// <summary>The system attribute with the process id.</summary>
    public const string ProcessIdKey = "run:pid";

    /// <summary>The system attribute with the process start time.</summary>
    public const string StartedKey = "run:pid_started";

    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    /// <summary>This process.</summary>
    public static TrialOwner Current { get; } = new(
        Environment.MachineName,
        Environment.ProcessId,
        new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero));

    /// <summary>The attributes to store.</summary>
    /// <returns>Host, process id and start time.</returns>
    public IReadOnlyList<KeyValuePair<string, object?>> ToAttrs() =>
    [
        KeyValuePair.Create<string, object?>(HostKey, Host),
        KeyValuePair.Create<string, object?>(ProcessIdKey, ProcessId),
        KeyValuePair.Create<string, object?>(StartedKey, Started.ToString("O", CultureInfo.InvariantCulture)),
    ];

    /// <summary>Reads the owner from a trial's system attributes.</summary>
    /// <param name="attrs">The attributes.</param>
    /// <returns>The owner, or <see langword="null"/> when the trial was not started by <c>hone run</c>.</returns>
    public static TrialOwner? Read(IReadOnlyDictionary<string, object?> attrs)
    {
        ArgumentNullException.ThrowIfNull(attrs);
        return attrs.GetValueOrDefault(HostKey) is string host
            && attrs.GetValueOrDefault(ProcessIdKey) is long pid
            && attrs.GetValueOrDefault(StartedKey) is string started
            && DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                ? new TrialOwner(host, pid, time)
                : null;
    }

    /// <summary>Whether the owner still runs: a process with its id exists on this host and started when it did.</summary>
    /// <returns><see langword="null"/> when the owner is on another host, which cannot be checked from here.</returns>
    public bool? IsAlive()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById((int)ProcessId);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return !process.HasExited && (started - Started).Duration() < StartTolerance;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

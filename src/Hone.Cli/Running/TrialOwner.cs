using System.Diagnostics;
using System.Globalization;

namespace Hone.Cli.Running;

/// <summary>
/// The <c>hone run</c> or <c>hone worker</c> process that runs a trial, kept in the trial's system attributes to tell
/// where it ran (whether it still runs is told by its heartbeats).
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
}

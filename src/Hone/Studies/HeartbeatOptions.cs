using Hone.Storages;

namespace Hone.Studies;

/// <summary>
/// Worker heartbeats: each running trial tells the storage at a fixed interval that its worker is alive, and a trial
/// whose worker has been silent for longer than the grace period is failed by whichever worker notices (at its next
/// ask), so that a killed or crashed worker's trials do not stay running forever.
/// </summary>
/// <remarks>
/// <para>Set on <see cref="StudyOptions.Heartbeat"/> by every worker of a study that several processes or machines
/// share. Each trial's first heartbeat is recorded with its start (<see cref="IStorage.TryStartTrial"/>), later ones by
/// a timer of the study's <see cref="StudyOptions.TimeProvider"/>, which also writes the parameters suggested so far,
/// so that a retry of a dead worker's trial (<see cref="StudyOptions.Retry"/>) runs the same parameters. Trials of
/// workers that send no heartbeats are never taken as stale.</para>
/// <para>A worker cut off from the storage for longer than the grace period is taken as dead too: choose a grace period
/// well above the longest outage the storage should survive (a PostgreSQL restart takes seconds).</para>
/// </remarks>
public sealed class HeartbeatOptions
{
    /// <summary>How often a running trial records a heartbeat.</summary>
    /// <value>Default: 10 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a running trial may go without a heartbeat before it is failed as stale.</summary>
    /// <value>Default: 1 minute. Must exceed <see cref="Interval"/>; several intervals leave room for a slow write.</value>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The interval is not positive, or the grace period does not exceed it.</exception>
    internal void Validate()
    {
        if (Interval <= TimeSpan.Zero || GracePeriod <= Interval)
        {
            throw new ArgumentException(
                $"Heartbeat needs 0 < Interval < GracePeriod, but got Interval={Interval} and GracePeriod={GracePeriod}. Make the grace period several intervals long.",
                "options");
        }
    }
}

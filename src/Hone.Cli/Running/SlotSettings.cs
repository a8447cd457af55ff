namespace Hone.Cli.Running;

/// <summary>A pool of named slots (GPU ids, licences, machines) that trials take while they run.</summary>
/// <param name="Slots">The slot names.</param>
/// <param name="PerTrial">How many distinct slots each trial takes.</param>
/// <param name="Share">How many trials may hold one slot at once.</param>
/// <param name="Variable">The environment variable that also receives the trial's slots (comma-separated), or <see langword="null"/>; <c>HONE_SLOTS</c> always does.</param>
internal sealed record SlotSettings(IReadOnlyList<string> Slots, int PerTrial, int Share, string? Variable);

namespace Hone.Bench;

/// <summary>What one worker reported: its trial count, its Unix start and end times in seconds, the Unix time at which
/// each of its trials had been stored (in order), and the processor time its process used meanwhile.</summary>
internal sealed record WorkerRun(int Trials, double Start, double End, IReadOnlyList<double> Completions, double CpuSeconds);

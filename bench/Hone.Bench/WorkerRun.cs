namespace Hone.Bench;

/// <summary>What one worker reported: its trial count, its Unix start and end times in seconds, the Unix time at which
/// each of its trials had been stored (in order), the processor time its process had used by then (seconds since
/// the start), and the processor time it used in all.</summary>
internal sealed record WorkerRun(int Trials, double Start, double End, IReadOnlyList<double> Completions, IReadOnlyList<double> CompletionCpu, double CpuSeconds);

namespace Hone.Bench;

/// <summary>What one worker process reported: its trial count and its Unix start and end times in seconds.</summary>
internal sealed record WorkerRun(int Trials, double Start, double End);

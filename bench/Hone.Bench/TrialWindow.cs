namespace Hone.Bench;

/// <summary>The time per trial of a window of a study's trials: those stored <c>Trials − Size + 1</c> to <c>Trials</c>
/// (in the order all workers stored them), each timed from its worker's previous trial, in milliseconds; and the
/// processor time its worker's process used per trial over the window (mean), which the load of other programs on the
/// machine moves much less than the wall time.</summary>
internal sealed record TrialWindow(int Trials, int Size, double MedianMs, double MeanMs, double P90Ms, double CpuMeanMs);

namespace Hone.Bench;

/// <summary>The time per trial of a window of a study's trials: those stored <c>Trials − Size + 1</c> to <c>Trials</c>
/// (in the order all workers stored them), each timed from its worker's previous trial, in milliseconds.</summary>
internal sealed record TrialWindow(int Trials, int Size, double MedianMs, double MeanMs, double P90Ms);

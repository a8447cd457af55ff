namespace Hone.Bench;

/// <summary>What a strategy of the <c>mlp</c> benchmark is held to.</summary>
internal enum MlpBudget
{
    /// <summary>The run's trial count, whatever the epochs they use (pruners are judged on the epochs they save).</summary>
    Trials,

    /// <summary>The epochs of the trial count run in full (trials × max epochs), however many trials that buys.</summary>
    Epochs,
}

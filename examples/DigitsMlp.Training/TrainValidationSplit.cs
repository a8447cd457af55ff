namespace DigitsMlp.Training;

/// <summary>A data set split in two: the part a network learns from and the part that scores it.</summary>
/// <param name="Train">The training examples.</param>
/// <param name="Validation">The held-out examples that score each epoch.</param>
public sealed record TrainValidationSplit(Dataset Train, Dataset Validation);

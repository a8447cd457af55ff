using System.Globalization;

namespace DigitsMlp.Training;

/// <summary>Labelled examples for classification: a row of features per example and a class from 0 to
/// <see cref="Classes"/> - 1. Immutable.</summary>
public sealed class Dataset
{
    private readonly float[] _inputs;
    private readonly int[] _labels;

    /// <summary>Creates a data set from rows of features laid end to end.</summary>
    /// <param name="inputs">The features, row after row: <c>labels.Length * features</c> numbers. Copied.</param>
    /// <param name="labels">The class of each row, from 0 to <paramref name="classes"/> - 1. Copied.</param>
    /// <param name="features">The features per row, at least 1.</param>
    /// <param name="classes">The number of classes, at least 2.</param>
    /// <exception cref="ArgumentException">The sizes disagree, or a label is out of range.</exception>
    public Dataset(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, int features, int classes)
    {
        if (features < 1 || classes < 2)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"A data set needs features >= 1 and classes >= 2, but got features = {features}, classes = {classes}."));
        }

        if (inputs.Length != (long)labels.Length * features)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"inputs must hold labels.Length * features = {labels.Length} * {features} numbers, but holds {inputs.Length}. Lay the rows end to end."));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Every label must lie in [0, {classes - 1}], but row {i} has label {labels[i]}."));
            }
        }

        _inputs = inputs.ToArray();
        _labels = labels.ToArray();
        Features = features;
        Classes = classes;
    }

    /// <summary>The number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>The features per example.</summary>
    public int Features { get; }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The features of one example.</summary>
    /// <param name="index">The example, from 0 to <see cref="Count"/> - 1.</param>
    public ReadOnlySpan<float> Input(int index) => _inputs.AsSpan(index * Features, Features);

    /// <summary>The class of one example.</summary>
    /// <param name="index">The example, from 0 to <see cref="Count"/> - 1.</param>
    public int Label(int index) => _labels[index];

    /// <summary>The examples at the given positions, in that order.</summary>
    /// <param name="indices">Positions from 0 to <see cref="Count"/> - 1.</param>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var inputs = new float[indices.Count * Features];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Input(indices[i]).CopyTo(inputs.AsSpan(i * Features));
            labels[i] = _labels[indices[i]];
        }

        return new Dataset(inputs, labels, Features, Classes);
    }

    /// <summary>Splits the examples so that each class keeps its share in both parts: the validation part takes
    /// <c>round(fraction * n)</c> examples of each class of n, chosen at random with <paramref name="seed"/>.</summary>
    /// <param name="validationFraction">The share of each class held out, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffle; the same seed gives the same split.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1).</exception>
    public TrainValidationSplit StratifiedSplit(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction),
                validationFraction,
                "The validation fraction must lie in (0, 1), such as 0.2 for an 80/20 split.");
        }

        var random = new SplitMix64(seed);
        var train = new List<int>();
        var validation = new List<int>();
        for (var c = 0; c < Classes; c++)
        {
            var members = Enumerable.Range(0, Count).Where(i => _labels[i] == c).ToArray();
            random.Shuffle(members);
            var held = (int)Math.Round(validationFraction * members.Length, MidpointRounding.AwayFromZero);
            validation.AddRange(members.Take(held));
            train.AddRange(members.Skip(held));
        }

        // Back in file order, so that neither part is sorted by class.
        train.Sort();
        validation.Sort();
        return new TrainValidationSplit(Subset(train), Subset(validation));
    }
}

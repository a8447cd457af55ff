using System.Globalization;
using System.IO.Compression;

namespace DigitsMlp.Training;

/// <summary>
/// The handwritten digits data: 1,797 images of 8×8 pixels, each pixel a count from 0 to 16, labelled 0 to 9 (the test
/// part of the UCI "Optical Recognition of Handwritten Digits" data, as scikit-learn ships it; see data/README.md).
/// </summary>
public static class Digits
{
    /// <summary>Pixels per image.</summary>
    public const int Features = 64;

    /// <summary>Digit classes.</summary>
    public const int Classes = 10;

    /// <summary>The seed of the fixed train/validation split, so that every study scores on the same images.</summary>
    public const ulong SplitSeed = 20261123;

    private const string ResourceName = "DigitsMlp.Training.digits.csv.gz";
    private static readonly Lazy<Dataset> All = new(Read);
    private static readonly Lazy<TrainValidationSplit> Fixed = new(() => All.Value.StratifiedSplit(0.2, SplitSeed));

    /// <summary>All 1,797 images, pixels scaled to [0, 1] (divided by 16).</summary>
    public static Dataset Load() => All.Value;

    /// <summary>The fixed stratified split: 80% of each digit for training (1,438 images), 20% for validation (359).</summary>
    public static TrainValidationSplit Split() => Fixed.Value;

    private static Dataset Read()
    {
        using var resource = typeof(Digits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing; rebuild DigitsMlp.Training.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var inputs = new List<float>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (fields.Length != Features + 1)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"digits.csv.gz line {labels.Count + 1} has {fields.Length} fields; expected {Features} pixels and a label."));
            }

            for (var i = 0; i < Features; i++)
            {
                inputs.Add(float.Parse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture) / 16f);
            }

            labels.Add(int.Parse(fields[Features], NumberStyles.Integer, CultureInfo.InvariantCulture));
        }

        return new Dataset(inputs.ToArray(), labels.ToArray(), Features, Classes);
    }
}

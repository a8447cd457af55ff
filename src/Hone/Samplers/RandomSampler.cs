using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers;

/// <summary>Samples every parameter independently and uniformly (uniformly in log space for log parameters).</summary>
/// <remarks>With a seed, the same study run sequentially proposes the same values. Costs O(1) per parameter.</remarks>
public sealed class RandomSampler : ISampler
{
    private static readonly IReadOnlyDictionary<string, Distribution> EmptySpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> EmptySample = new Dictionary<string, double>();
    private readonly Random _random;

    /// <summary>Creates a random sampler.</summary>
    /// <param name="seed">The seed, or <see langword="null"/> for a different sequence each run.</param>
    public RandomSampler(int? seed = null)
    {
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) => EmptySpace;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => EmptySample;

    /// <inheritdoc/>
    public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        Sample(_random, distribution);

    /// <summary>Draws one internal value uniformly from a distribution.</summary>
    internal static double Sample(Random random, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        switch (distribution)
        {
            case FloatDistribution f when f.Log:
                // Clamped both ways: exp(log(low)) can round below low (it does for 7).
                return Math.Clamp(Math.Exp(Uniform(random, Math.Log(f.Low), Math.Log(f.High))), f.Low, f.High);
            case FloatDistribution { Step: { } step } f:
                return f.Round(f.Low + (random.NextInt64((long)Math.Round((f.High - f.Low) / step) + 1) * step));
            case FloatDistribution f:
                return Uniform(random, f.Low, f.High);
            case IntDistribution i when i.Log:
                // Widen by half a unit each side so that the end points get their fair share in log space.
                var logValue = Math.Exp(Uniform(random, Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)));
                return i.Round(logValue);
            case IntDistribution i:
                return i.Low + ((double)random.NextInt64((((long)i.High - i.Low) / i.Step) + 1) * i.Step);
            case CategoricalDistribution c:
                return random.Next(c.Choices.Count);
            default:
                throw new NotSupportedException($"RandomSampler cannot sample a {distribution.GetType().Name}.");
        }
    }

    private static double Uniform(Random random, double low, double high) =>
        Math.Min(high, low + (random.NextDouble() * (high - low)));
}

using FsCheck;
using FsCheck.Fluent;
using Hone.Distributions;

namespace Hone.Tests.TestSupport;

/// <summary>FsCheck generators of valid distributions of every kind, shared by the distribution and sampler tests.</summary>
internal static class DistributionGenerators
{
    // Magnitudes from tiny to large, so that properties see more than numbers near 1.
    private static readonly Gen<double> Scale = Gen.Elements(1e-6, 1e-3, 1.0, 1e3, 1e6);

    /// <summary>A real in [-scale, scale] with a fractional part.</summary>
    public static Gen<double> Real { get; } =
        from m in Gen.Choose(-1_000_000, 1_000_000)
        from s in Scale
        select m / 1e6 * s;

    /// <summary>A linear float distribution, single-valued ones included.</summary>
    public static Gen<FloatDistribution> LinearFloat { get; } =
        from low in Real
        from width in Real
        select new FloatDistribution(low, low + Math.Abs(width));

    /// <summary>A log float distribution with a ratio high / low up to 1001.</summary>
    public static Gen<FloatDistribution> LogFloat { get; } =
        from m in Gen.Choose(1, 1_000_000)
        from s in Scale
        from ratio in Gen.Choose(0, 1_000_000)
        let low = m / 1e6 * s
        select new FloatDistribution(low, low * (1 + (ratio / 1e3)), log: true);

    /// <summary>A float distribution with a step; low and step share a magnitude so that the step divides the range exactly enough.</summary>
    public static Gen<FloatDistribution> SteppedFloat { get; } =
        from s in Scale
        from lowUnits in Gen.Choose(-100_000, 100_000)
        from stepUnits in Gen.Choose(1, 1_000)
        from k in Gen.Choose(0, 100)
        let low = lowUnits / 7.0 * s
        let step = stepUnits / 100.0 * s
        select new FloatDistribution(low, low + (k * step), step: step);

    /// <summary>A linear int distribution with a step, the full int range included.</summary>
    public static Gen<IntDistribution> LinearInt { get; } = Gen.Frequency(
        (9, from low in Gen.Choose(-1_000, 1_000)
            from step in Gen.Elements(1, 1, 2, 3, 5, 10)
            from k in Gen.Choose(0, 50)
            select new IntDistribution(low, low + (k * step), step: step)),
        (1, Gen.Elements(
            new IntDistribution(int.MinValue, int.MaxValue),
            new IntDistribution(int.MinValue, 0),
            new IntDistribution(0, int.MaxValue))));

    /// <summary>A log int distribution.</summary>
    public static Gen<IntDistribution> LogInt { get; } =
        from low in Gen.Choose(1, 1_000)
        from width in Gen.Choose(0, 100_000)
        select new IntDistribution(low, low + width, log: true);

    /// <summary>One categorical choice of any supported kind, as Hone normalizes it.</summary>
    public static Gen<object?> Choice { get; } = Gen.OneOf(
        Gen.Elements<object?>("adam", "sgd", string.Empty, "a,b", "say \"hi\"", "ü", "1", "null", "true"),
        Gen.Choose(-1_000, 1_000).Select(i => (object?)(long)i),
        Gen.Elements<object?>(long.MaxValue, long.MinValue),
        Real.Select(d => (object?)d),
        Gen.Elements<object?>(2.0, -1.0, 0.0, 1e20, 0.1),
        Gen.Elements<object?>(true, false, null));

    /// <summary>A categorical distribution of mixed choices.</summary>
    public static Gen<CategoricalDistribution> Categorical { get; } =
        Gen.NonEmptyListOf(Choice).Select(choices => new CategoricalDistribution([.. choices]));

    /// <summary>Any valid distribution.</summary>
    public static Gen<Distribution> Any { get; } = Gen.OneOf(
        LinearFloat.Select(d => (Distribution)d),
        LogFloat.Select(d => (Distribution)d),
        SteppedFloat.Select(d => (Distribution)d),
        LinearInt.Select(d => (Distribution)d),
        LogInt.Select(d => (Distribution)d),
        Categorical.Select(d => (Distribution)d));
}

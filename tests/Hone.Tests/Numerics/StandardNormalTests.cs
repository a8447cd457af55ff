using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class StandardNormalTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-3.0, 0.0013498980316300957)]
    [InlineData(-6.0, 9.865876450377012e-10)]
    [InlineData(-10.0, 7.619853024160593e-24)]
    public void Cdf_KnownPoints_MatchesReferenceValues(double x, double expected)
    {
        var actual = StandardNormal.Cdf(x);

        Assert.True(Math.Abs(actual - expected) <= 1e-13 * expected, $"Cdf({x}) = {actual:R}, expected {expected:R}");
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(1e-10, -6.361340902404056)]
    public void Quantile_KnownProbabilities_MatchesReferenceValues(double p, double expected)
    {
        Assert.Equal(expected, StandardNormal.Quantile(p), 1e-12);
    }

    // Up to 4 only: beyond, Cdf(x) is so close to 1 that a double cannot tell nearby x apart.
    [Property]
    public Property Quantile_OfCdf_IsTheIdentity() =>
        Prop.ForAll(Arb.From(Gen.Choose(-8000, 4000).Select(i => i / 1000.0)), x =>
            Math.Abs(StandardNormal.Quantile(StandardNormal.Cdf(x)) - x) < 1e-9);

    [Fact]
    public void Quantile_EndsAndOutsideTheUnitInterval_AreInfiniteOrRejected()
    {
        Assert.Equal(double.NegativeInfinity, StandardNormal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, StandardNormal.Quantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(double.NaN));
    }

    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    public void LogErfc_KnownPoints_MatchesReferenceValues(double x, double expected)
    {
        var actual = Math.Exp(TruncatedNormal.LogErfc(x));

        Assert.True(Math.Abs(actual - expected) <= 1e-13 * expected, $"Erfc({x}) = {actual:R}, expected {expected:R}");
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class LogExpectedImprovementTests
{
    // Reference values from mpmath at 50 digits: ln(φ(z) + z·Φ(z)) and Φ(z)/h(z).
    [Theory]
    [InlineData(0.0, -0.91893853320467274, 1.2533141373155003)]
    [InlineData(-1.0, -2.4851210257126413, 1.9042712333296918)]
    [InlineData(-1.5, -3.5299359208057099, 2.2795806941564462)]
    [InlineData(-5.0, -16.74430116266099, 5.3618162412880885)]
    [InlineData(-10.0, -55.553122036122356, 10.194383033412553)]
    [InlineData(-40.0, -808.29856835661996, 40.049906657648518)]
    [InlineData(-1000.0, -500014.73445209116, 1000.001999994)]
    [InlineData(-1e5, -5000000023.9447895, 100000.00002)]
    [InlineData(-1e9, -5.0000000000000004e+17, 1e9)]
    [InlineData(3.0, 1.0987396653277078, 0.33284096845179524)]
    [InlineData(30.0, 3.4011973816621554, 0.033333333333333333)]
    public void LogH_KnownPoints_MatchesHighPrecisionReference(double z, double expected, double expectedSlope)
    {
        var logH = LogExpectedImprovement.LogH(z);
        var slope = LogExpectedImprovement.LogHDerivative(z, logH);

        Assert.True(Math.Abs(logH - expected) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"LogH({z}) = {logH:R}, expected {expected:R}");
        Assert.True(Math.Abs(slope - expectedSlope) <= 1e-7 * expectedSlope, $"slope at {z} = {slope:R}, expected {expectedSlope:R}");
    }

    [Property]
    public Property LogH_IsFiniteAndIncreasing() =>
        Prop.ForAll(Arb.From(Gen.Choose(-200_000, 20_000).Select(i => i / 100.0)), z =>
        {
            var here = LogExpectedImprovement.LogH(z);
            var further = LogExpectedImprovement.LogH(z + 0.01);
            return double.IsFinite(here) && further > here;
        });

    [Property]
    public Property Value_IsFiniteAndDecreasingInTheMean() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(-100_000, 100_000).Select(i => i / 100.0)),
            Arb.From(Gen.Choose(1, 10_000).Select(i => i / 1000.0)),
            (mean, sd) =>
            {
                var value = LogExpectedImprovement.Value(mean, sd, 0);
                return double.IsFinite(value) && LogExpectedImprovement.Value(mean + 0.01, sd, 0) < value;
            });

    [Fact]
    public void LogH_AcrossTheRegimeBoundaries_IsContinuous()
    {
        foreach (var z in new[] { -1.0, -1000.0 })
        {
            var below = LogExpectedImprovement.LogH(Math.BitDecrement(z));
            var above = LogExpectedImprovement.LogH(Math.BitIncrement(z));

            Assert.True(Math.Abs(above - below) <= 1e-9 * Math.Max(1, Math.Abs(above)), $"jump at {z}: {below:R} vs {above:R}");
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class TruncatedNormalTests
{
    [Theory]
    [InlineData(0.0, -0.69314718055994531)]
    [InlineData(-1.0, -1.8410216450092636)]
    [InlineData(-5.0, -15.064998393988725)]
    [InlineData(-10.0, -53.231285150512466)]
    [InlineData(-40.0, -804.60844201375379)]
    [InlineData(3.0, -0.0013508099647481938)]
    [InlineData(10.0, -7.6198530241605269e-24)]
    public void LogNdtr_KnownValues_MatchToFullPrecision(double x, double expected)
    {
        Assert.Equal(expected, TruncatedNormal.LogNdtr(x), Math.Abs(expected) * 1e-13);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.84134474606854293)]
    [InlineData(-2.5, 0.0062096653257761331)]
    [InlineData(-8.0, 6.2209605742717841e-16)]
    public void Ndtr_KnownValues_MatchToFullPrecision(double x, double expected)
    {
        Assert.Equal(expected, TruncatedNormal.Ndtr(x), expected * 1e-13);
    }

    [Fact]
    public void LogGaussMass_FarRightTail_IsFiniteAndAccurate()
    {
        // ln(Φ(−8) − Φ(−9)), computed with 30 digits.
        const double Expected = -35.013618593437148;

        Assert.Equal(Expected, TruncatedNormal.LogGaussMass(8, 9), 1e-11);
        Assert.Equal(Expected, TruncatedNormal.LogGaussMass(-9, -8), 1e-11);
    }

    [Fact]
    public void LogGaussMass_WholeLine_IsZero()
    {
        Assert.Equal(0, TruncatedNormal.LogGaussMass(double.NegativeInfinity, double.PositiveInfinity), 1e-15);
        Assert.Equal(Math.Log(0.5), TruncatedNormal.LogGaussMass(double.NegativeInfinity, 0), 1e-15);
    }

    [Property]
    public Property Cdf_AnyInterval_IsMonotone() =>
        Prop.ForAll(Arb.From(Intervals()), Arb.From(Gen.Choose(0, 1000)), (interval, k) =>
        {
            var (a, b) = interval;
            var x1 = a + ((b - a) * k / 1000.0);
            var x2 = a + ((b - a) * Math.Min(k + 1, 1000) / 1000.0);

            Assert.True(TruncatedNormal.Cdf(x1, a, b) <= TruncatedNormal.Cdf(x2, a, b));
            Assert.InRange(TruncatedNormal.Cdf(x1, a, b), 0, 1);
        });

    [Property]
    public Property Ppf_OfCdf_GivesBackTheValue() =>
        Prop.ForAll(Arb.From(Intervals()), Arb.From(Gen.Choose(1, 999)), (interval, k) =>
        {
            var (a, b) = interval;
            var x = a + ((b - a) * k / 1000.0);
            var q = TruncatedNormal.Cdf(x, a, b);

            // A level near 1 carries only its absolute precision, so allow for the slope of the distribution function.
            var tolerance = 1e-9 + (1e-14 / Math.Exp(TruncatedNormal.LogPdf(x, a, b)));
            Assert.Equal(x, TruncatedNormal.Ppf(q, a, b), tolerance * Math.Max(1, Math.Abs(x)));
        });

    [Property]
    public Property Cdf_OfPpf_GivesBackTheLevel() =>
        Prop.ForAll(Arb.From(Intervals()), Arb.From(Gen.Choose(1, 999)), (interval, k) =>
        {
            var (a, b) = interval;
            var q = k / 1000.0;

            Assert.Equal(q, TruncatedNormal.Cdf(TruncatedNormal.Ppf(q, a, b), a, b), 1e-9);
        });

    [Property]
    public Property Sample_AnyInterval_StaysInside() =>
        Prop.ForAll(Arb.From(Intervals()), Arb.From(Gen.Choose(0, int.MaxValue)), (interval, seed) =>
        {
            var (a, b) = interval;
            var random = new Random(seed);
            for (var i = 0; i < 20; i++)
            {
                var x = TruncatedNormal.Sample(random, a, b);
                Assert.InRange(x, a, b);
            }
        });

    [Fact]
    public void Sample_FarInTheTail_StaysInsideAndFollowsTheDensity()
    {
        var random = new Random(3);
        var below = 0;
        const int Draws = 4000;
        for (var i = 0; i < Draws; i++)
        {
            var x = TruncatedNormal.Sample(random, 8, 9);
            Assert.InRange(x, 8, 9);
            below += x < 8.1 ? 1 : 0;
        }

        // In [8, 9] the density falls like exp(−8x): about 55% of the mass lies in [8, 8.1].
        var expected = TruncatedNormal.Cdf(8.1, 8, 9);
        Assert.InRange(below / (double)Draws, expected - 0.03, expected + 0.03);
    }

    [Fact]
    public void Ppf_Quartiles_MatchTheUntruncatedNormal()
    {
        Assert.Equal(-0.67448975019608171, TruncatedNormal.Ppf(0.25, double.NegativeInfinity, double.PositiveInfinity), 1e-12);
        Assert.Equal(0, TruncatedNormal.Ppf(0.5, -30, 30), 1e-12);
        Assert.Equal(2.3263478740408408, TruncatedNormal.Ppf(0.99, -40, 40), 1e-11);
    }

    [Fact]
    public void LogPdf_IntegratesToOne()
    {
        const double A = -0.5;
        const double B = 2.5;
        const int Steps = 20_000;
        var h = (B - A) / Steps;
        var integral = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            integral += Math.Exp(TruncatedNormal.LogPdf(A + ((i + 0.5) * h), A, B)) * h;
        }

        Assert.Equal(1, integral, 1e-6);
        Assert.Equal(double.NegativeInfinity, TruncatedNormal.LogPdf(B + 0.1, A, B));
    }

    [Theory]
    [InlineData(1e-20)]
    [InlineData(-1e-10)]
    [InlineData(0.5)]
    public void Log1PAndExpM1_SmallArguments_KeepFullPrecision(double x)
    {
        Assert.Equal(x, TruncatedNormal.ExpM1(TruncatedNormal.Log1P(x)), Math.Abs(x) * 1e-14);
        Assert.Equal(x - (x * x / 2), TruncatedNormal.Log1P(x), Math.Abs(x) * (x < 1e-3 ? 1e-14 : 0.1));
    }

    private static Gen<(double A, double B)> Intervals() =>
        from low in Gen.Choose(-1000, 900)
        from width in Gen.Choose(1, 400)
        select (low / 100.0, (low + width) / 100.0);
}

using Hone.Cli.Running;

namespace Hone.Tests.Cli.Running;

public sealed class MetricConstraintTests
{
    [Fact]
    public void Evaluate_EachBound_GivesOneValueThatIsPositiveByHowFarTheLimitIsBroken()
    {
        MetricConstraint[] constraints = [new("latency", null, 20), new("recall", 0.8, null), new("memory", 1, 4)];
        var metrics = new Dictionary<string, object?> { ["latency"] = 25.0, ["recall"] = 0.9, ["memory"] = 0.5, ["other"] = "x" };

        var values = MetricConstraint.Evaluate(constraints, metrics)!;

        Assert.Equal(new[] { 5, -0.1, 0.5, -3.5 }, values, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Evaluate_InfinityPrintedAsText_ReadsAsANumber()
    {
        var values = MetricConstraint.Evaluate([new("latency", null, 20)], new Dictionary<string, object?> { ["latency"] = "inf" })!;

        Assert.Equal([double.PositiveInfinity], values);
    }

    [Fact]
    public void Evaluate_NoConstraints_GivesNull() =>
        Assert.Null(MetricConstraint.Evaluate([], new Dictionary<string, object?> { ["latency"] = 3.0 }));

    [Theory]
    [InlineData("slow", "constraint metric 'latency' must be a number, but the trial printed 'slow'.")]
    [InlineData(double.NaN, "constraint metric 'latency' is NaN; print a number, or +inf for a limit badly broken.")]
    public void Evaluate_MetricNotANumber_IsAFormatErrorNamingIt(object printed, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MetricConstraint.Evaluate([new("latency", null, 20)], new Dictionary<string, object?> { ["latency"] = printed }));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Describe_Limits_WritesEachAsAnInequality() =>
        Assert.Equal(
            "latency <= 20, recall >= 0.8, 1 <= memory <= 4.5",
            MetricConstraint.Describe([new("latency", null, 20), new("recall", 0.8, null), new("memory", 1, 4.5)]));
}

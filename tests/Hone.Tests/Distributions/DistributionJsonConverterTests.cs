using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Distributions;

public class DistributionJsonConverterTests
{
    [Property]
    public Property Serialize_ThenDeserialize_GivesAnEqualDistribution() =>
        Prop.ForAll(Arb.From(DistributionGenerators.Any), distribution =>
        {
            var json = JsonSerializer.Serialize(distribution);
            var back = JsonSerializer.Deserialize<Distribution>(json);
            Assert.Equal(distribution, back);
        });

    [Property]
    public Property Serialize_ThenDeserialize_KeepsTheKindOfEveryChoice() =>
        Prop.ForAll(Arb.From(DistributionGenerators.Categorical), distribution =>
        {
            var back = (CategoricalDistribution)JsonSerializer.Deserialize<Distribution>(JsonSerializer.Serialize<Distribution>(distribution))!;
            Assert.Equal(
                distribution.Choices.Select(c => c?.GetType()),
                back.Choices.Select(c => c?.GetType()));
        });

    [Fact]
    public void Serialize_EachKind_WritesTheDocumentedForm()
    {
        Assert.Equal(
            """{"type":"float","low":0.001,"high":1,"log":true}""",
            JsonSerializer.Serialize<Distribution>(new FloatDistribution(0.001, 1, log: true)));
        Assert.Equal(
            """{"type":"float","low":0,"high":1,"step":0.25}""",
            JsonSerializer.Serialize<Distribution>(new FloatDistribution(0, 1, step: 0.25)));
        Assert.Equal(
            """{"type":"int","low":1,"high":9,"step":2}""",
            JsonSerializer.Serialize<Distribution>(new IntDistribution(1, 9, step: 2)));
        Assert.Equal(
            """{"type":"categorical","choices":["adam",1,2.0,0.5,true,null]}""",
            JsonSerializer.Serialize<Distribution>(new CategoricalDistribution(["adam", 1, 2.0, 0.5, true, null])));
    }

    [Fact]
    public void Deserialize_MixedChoices_KeepsIntegersApartFromReals()
    {
        var distribution = (CategoricalDistribution)JsonSerializer.Deserialize<Distribution>(
            """{"type":"categorical","choices":["x",3,3.0,1e2,false,null]}""")!;

        Assert.Equal<object?>(["x", 3L, 3.0, 100.0, false, null], distribution.Choices);
        Assert.IsType<long>(distribution.Choices[1]);
        Assert.IsType<double>(distribution.Choices[2]);
        Assert.IsType<double>(distribution.Choices[3]);
    }

    [Fact]
    public void Deserialize_InvalidBounds_ThrowsJsonExceptionWithTheRule()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Distribution>("""{"type":"float","low":2,"high":1}"""));
        Assert.Contains("low <= high", error.Message, StringComparison.Ordinal);
        Assert.Contains("low=2, high=1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"low":0,"high":1}""", "\"type\"")]
    [InlineData("""{"type":"normal","low":0,"high":1}""", "\"normal\"")]
    [InlineData("""{"type":"int","low":0}""", "\"high\"")]
    [InlineData("""{"type":"categorical","choices":[[1]]}""", "[1]")]
    [InlineData("""{"type":"int","low":"a","high":1}""", "wrong kind")]
    public void Deserialize_Malformed_ThrowsJsonExceptionNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Distribution>(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Samplers;
using Hone.SearchSpaces;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.SearchSpaces;

public class SearchSpaceTests
{
    private static readonly SearchSpace Conditional = new SearchSpace()
        .Add("model", new CategoricalDistribution(["svm", "tree", "knn"]))
        .Add("C", new FloatDistribution(1e-3, 1e3, log: true), new ParameterCondition("model", ["svm"]))
        .Add("depth", new IntDistribution(1, 10), new ParameterCondition("model", ["tree", "knn"]))
        .Add("min_leaf", new IntDistribution(1, 5), new ParameterCondition("depth", [1, 2, 3]))
        .Add("seed", new IntDistribution(0, 9));

    [Fact]
    public void Suggest_ConditionalSpace_SuggestsOnlyActiveParameters()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(4) });
        var suggested = new List<IReadOnlyDictionary<string, object?>>();

        study.Optimize(
            t =>
            {
                suggested.Add(Conditional.Suggest(t));
                return 0;
            },
            new OptimizeOptions { Trials = 60, ShowProgress = false });

        foreach (var (values, trial) in suggested.Zip(study.Trials))
        {
            var model = (string)values["model"]!;
            var expected = new List<string> { "model" };
            expected.AddRange(model == "svm" ? ["C"] : ["depth"]);
            if (model != "svm" && (int)values["depth"]! <= 3)
            {
                expected.Add("min_leaf");
            }

            expected.Add("seed");
            Assert.Equal(expected, values.Keys);
            Assert.Equal(expected, trial.Params.Keys);
        }

        Assert.Contains(suggested, v => v.ContainsKey("C"));
        Assert.Contains(suggested, v => v.ContainsKey("min_leaf"));
        Assert.Contains(suggested, v => v.ContainsKey("depth") && !v.ContainsKey("min_leaf"));
    }

    [Fact]
    public void ToJson_ConditionalSpace_WritesTheDocumentedForm()
    {
        var space = new SearchSpace()
            .Add("opt", new CategoricalDistribution(["adam", "sgd"]))
            .Add("momentum", new FloatDistribution(0, 0.9, step: 0.1), new ParameterCondition("opt", ["sgd"]));

        Assert.Equal(
            """{"parameters":[{"name":"opt","distribution":{"type":"categorical","choices":["adam","sgd"]}},"""
            + """{"name":"momentum","distribution":{"type":"float","low":0,"high":0.9,"step":0.1},"when":{"parameter":"opt","in":["sgd"]}}]}""",
            space.ToJson());
    }

    [Fact]
    public void FromJson_ConditionalSpace_RoundTrips()
    {
        var back = SearchSpace.FromJson(Conditional.ToJson());

        Assert.Equal(Conditional.Parameters, back.Parameters);
        Assert.Equal(Conditional.ToJson(), back.ToJson());
        Assert.IsType<long>(back.Parameters[3].Condition!.Values[0]);
    }

    [Property(MaxTest = 50)]
    public Property FromJson_AnySpace_RoundTrips() =>
        Prop.ForAll(Arb.From(Spaces()), space =>
        {
            var back = SearchSpace.FromJson(space.ToJson());
            Assert.Equal(space.Parameters, back.Parameters);
            Assert.Equal(space.ToJson(), back.ToJson());
        });

    [Fact]
    public void Add_DuplicateName_ThrowsNamingIt()
    {
        var space = new SearchSpace().Add("lr", new FloatDistribution(0, 1));

        var error = Assert.Throws<ArgumentException>(() => space.Add("lr", new IntDistribution(0, 1)));

        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
        Assert.Single(space.Parameters);
    }

    [Fact]
    public void Add_ConditionOnUndeclaredParameter_ThrowsNamingBoth()
    {
        var space = new SearchSpace().Add("lr", new FloatDistribution(0, 1));

        var error = Assert.Throws<ArgumentException>(() =>
            space.Add("momentum", new FloatDistribution(0, 1), new ParameterCondition("optimizer", ["sgd"])));

        Assert.Contains("'momentum'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'optimizer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterCondition_NoValues_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParameterCondition("opt", []));
        Assert.Contains("'opt'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"parameters":[{"name":"lr","distribution":{"type":"float","low":1,"high":0}}]}""", "low <= high")]
    [InlineData("""{"parameters":[{"name":"lr"}]}""", "no \"distribution\"")]
    [InlineData("""{"parameters":[{"name":"lr","distribution":{"type":"gauss"}}]}""", "\"gauss\"")]
    [InlineData("""{"parameters":[{"name":"lr","distribution":{"type":"float","low":0,"high":1},"when":{"parameter":"opt","in":["sgd"]}}]}""", "'opt'")]
    [InlineData("""{"parameters":[{"name":"lr","distribution":{"type":"float","low":0,"high":1},"when":{"in":["sgd"]}}]}""", "\"when\" needs a \"parameter\"")]
    [InlineData("""{"parameters":[{"name":"lr","distribution":{"type":"float","low":0,"high":1},"when":{"parameter":"opt","in":"sgd"}}]}""", "\"in\" array")]
    public void FromJson_InvalidParameter_ThrowsNamingTheParameter(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => SearchSpace.FromJson(json));

        Assert.StartsWith("Parameter 'lr': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"params":[]}""", "\"parameters\"")]
    [InlineData("""{"parameters":[{"distribution":{"type":"int","low":0,"high":1}}]}""", "\"name\"")]
    [InlineData("""{"parameters":[{"name":3}]}""", "\"name\"")]
    [InlineData("""{"parameters":["lr"]}""", "\"name\"")]
    [InlineData("""["lr"]""", "\"parameters\"")]
    [InlineData("""{"parameters":[""", "")]
    public void FromJson_InvalidShape_ThrowsSayingWhatIsMissing(string json, string expected)
    {
        var error = Assert.ThrowsAny<JsonException>(() => SearchSpace.FromJson(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Spaces of random distributions; some parameters depend on a value an earlier one can take.</summary>
    private static Gen<SearchSpace> Spaces() =>
        from distributions in Gen.ListOf(DistributionGenerators.Any)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1_000), distributions.Count)
        select Build(distributions, picks);

    private static SearchSpace Build(IReadOnlyList<Distribution> distributions, int[] picks)
    {
        var space = new SearchSpace();
        for (var i = 0; i < distributions.Count; i++)
        {
            ParameterCondition? condition = null;
            if (i > 0 && picks[i] % 2 == 0)
            {
                var parent = picks[i] % i;
                condition = new ParameterCondition($"p{parent}", [distributions[parent].ToExternal(0)]);
            }

            space = space.Add($"p{i}", distributions[i], condition);
        }

        return space;
    }
}

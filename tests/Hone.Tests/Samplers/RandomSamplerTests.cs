using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Samplers;

public class RandomSamplerTests
{
    [Property(MaxTest = 25)]
    public void Optimize_SameSeed_ProposesIdenticalTrials(int seed)
    {
        var first = Run(seed);
        var second = Run(seed);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Params.Entries(), second[i].Params.Entries());
            Assert.Equal(first[i].Values, second[i].Values);
        }
    }

    [Fact]
    public void Optimize_DifferentSeeds_ProposeDifferentValues()
    {
        var first = Run(1).Select(t => t.InternalParams["x"]);
        var second = Run(2).Select(t => t.InternalParams["x"]);

        Assert.NotEqual(first, second);
    }

    [Property]
    public Property SampleIndependent_AnyDistribution_ReturnsAValueItContains() =>
        Prop.ForAll(Arb.From(from d in DistributionGenerators.Any from seed in Gen.Choose(0, int.MaxValue) select (d, seed)), pair =>
        {
            var (distribution, seed) = pair;
            var sampler = new RandomSampler(seed);
            var study = Study.Create(new StudyOptions { Sampler = sampler });
            var trial = study.Ask();
            for (var i = 0; i < 10; i++)
            {
                var value = sampler.SampleIndependent(study, trial, "p", distribution);
                Assert.True(distribution.Contains(value), $"{distribution} does not contain {value}");
            }
        });

    [Fact]
    public void SampleIndependent_LogFloat_IsUniformInLogSpace()
    {
        var distribution = new FloatDistribution(1e-3, 1e3, log: true);
        var decades = new int[6];
        const int Draws = 12_000;

        foreach (var value in Draw(distribution, Draws, seed: 42))
        {
            decades[Math.Clamp((int)Math.Floor(Math.Log10(value) + 3), 0, 5)]++;
        }

        // Each decade should get 1/6 of the draws; a linear sampler would put almost all in the top one.
        foreach (var count in decades)
        {
            Assert.InRange(count / (double)Draws, 1 / 6.0 - 0.03, 1 / 6.0 + 0.03);
        }
    }

    [Fact]
    public void SampleIndependent_LogInt_ReachesBothEnds()
    {
        var distribution = new IntDistribution(1, 10, log: true);

        var values = Draw(distribution, 2_000, seed: 7).ToHashSet();

        Assert.Contains(1.0, values);
        Assert.Contains(10.0, values);
        Assert.All(values, v => Assert.True(distribution.Contains(v)));
    }

    [Fact]
    public void SampleIndependent_SteppedFloat_ReachesEveryGridPoint()
    {
        var distribution = new FloatDistribution(0, 1, step: 0.25);

        var values = Draw(distribution, 500, seed: 3).Order().Distinct();

        Assert.Equal([0, 0.25, 0.5, 0.75, 1], values);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9999999999999999)]
    public void Sample_LogFloatAtTheEndsOfTheUnitInterval_StaysInsideTheBounds(double unit)
    {
        // exp(log(7)) < 7 in doubles, so an unclamped draw at the lower end falls just below low.
        var distribution = new FloatDistribution(7, 1e5, log: true);

        var value = RandomSampler.Sample(new FixedRandom(unit), distribution);

        Assert.True(distribution.Contains(value), $"{distribution} does not contain {value}");
    }

    private static List<double> Draw(Distribution distribution, int count, int seed)
    {
        var sampler = new RandomSampler(seed);
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        var trial = study.Ask();
        return Enumerable.Range(0, count).Select(_ => sampler.SampleIndependent(study, trial, "p", distribution)).ToList();
    }

    private static IReadOnlyList<FrozenTrial> Run(int seed)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(seed) });
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", -5, 5);
                var lr = t.SuggestFloat("lr", 1e-5, 1, log: true);
                var n = t.SuggestInt("n", 1, 100, log: true);
                var s = t.SuggestFloat("s", 0, 1, step: 0.1);
                var c = t.SuggestCategorical("c", ["a", "b", "c"]);
                return (x * x) + lr + n + s + c.Length;
            },
            new OptimizeOptions { Trials = 8, ShowProgress = false });
        return study.Trials;
    }

    /// <summary>A random source whose uniform draws all return one value, to probe the ends of the interval.</summary>
    private sealed class FixedRandom(double unit) : Random
    {
        public override double NextDouble() => unit;

        protected override double Sample() => unit;
    }
}

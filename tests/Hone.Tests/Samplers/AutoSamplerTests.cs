using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers;

public class AutoSamplerTests
{
    [Fact]
    public void Optimize_ContinuousSpace_UsesTheGaussianProcessThenWarmStartedCmaEs()
    {
        var study = Run(new AutoSampler(new AutoSamplerOptions { Seed = 1, GpTrials = 12 }), Quadratic, 30);

        var choices = study.Trials.Select(Choice).ToList();
        Assert.All(choices.Take(12), c => Assert.Equal("gp", c));
        Assert.All(choices.Skip(12), c => Assert.Equal("cmaes", c));

        // Warm-started from the GP's trials, CMA-ES searches near their best instead of starting over at the centre.
        var gpBest = study.Trials.Take(12).Min(t => t.Value);
        var cmaesMedian = study.Trials.Skip(12).Select(t => t.Value).Order().ElementAt(9);
        Assert.True(cmaesMedian < 10 * Math.Max(gpBest, 0.1), $"CMA-ES median {cmaesMedian}, GP best {gpBest}");
    }

    [Fact]
    public void Optimize_CategoricalSpace_UsesTheGaussianProcessThenTpe()
    {
        static double Objective(Trial t) => Quadratic(t) + (t.SuggestCategorical("c", ["a", "b"]) == "a" ? 0 : 1);

        var study = Run(new AutoSampler(new AutoSamplerOptions { Seed = 1, GpTrials = 12 }), Objective, 20);

        var choices = study.Trials.Select(Choice).ToList();
        Assert.All(choices.Take(12), c => Assert.Equal("gp", c));
        Assert.All(choices.Skip(12), c => Assert.Equal("tpe", c));
    }

    [Fact]
    public void Optimize_ConditionalSpace_SwitchesToTheConditionalGpOnceTrialsDifferInTheirParameters()
    {
        static double Conditional(Trial t)
        {
            var kind = t.SuggestCategorical("kind", ["a", "b"]);
            return kind == "a" ? Math.Abs(t.SuggestFloat("xa", -1, 1)) : 1 + Math.Abs(t.SuggestFloat("xb", -1, 1));
        }

        var study = Run(new AutoSampler(new AutoSamplerOptions { Seed = 3, GpTrials = 25 }), Conditional, 30);

        // Each trial's choice is made from the trials complete before it: once both branches have been seen, the
        // per-sub-space GP, and TPE from GpTrials complete trials on.
        var trials = study.Trials;
        var firstMixed = Enumerable.Range(1, trials.Count - 1).First(i =>
            trials.Take(i).Any(t => t.Params.ContainsKey("xa")) && trials.Take(i).Any(t => t.Params.ContainsKey("xb")));
        Assert.All(trials.Take(firstMixed), t => Assert.Equal("gp", Choice(t)));
        Assert.All(trials.Skip(firstMixed).Take(25 - firstMixed), t => Assert.Equal("gp-conditional", Choice(t)));
        Assert.All(trials.Skip(25), t => Assert.Equal("tpe", Choice(t)));
    }

    [Fact]
    public void Optimize_ConditionalTrap_SearchesTheBranchThatLookedWorseFirst()
    {
        // The "a" branch is a smooth bowl with floor 1 and usually looks better early; the global minimum 0 lies in a
        // narrow well of the "b" branch, whose average is far worse. Choosing the branch by its observed values alone
        // settles on "a"; comparing each branch's expected improvement keeps searching "b".
        static double Trap(Trial t)
        {
            if (t.SuggestCategorical("branch", ["a", "b"]) == "a")
            {
                return 1 + Math.Pow((t.SuggestFloat("a_x", -5, 5) - 2) / 2, 2) + Math.Pow((Math.Log10(t.SuggestFloat("a_s", 1e-3, 1e3, log: true)) - 1) / 2, 2);
            }

            var dx = t.SuggestFloat("b_x", -5, 5) + 1;
            var dy = t.SuggestFloat("b_y", -5, 5) - 2;
            return (((dx * dx) + (dy * dy)) / 4) + (Math.Abs(t.SuggestInt("b_n", 0, 10) - 3) / 4.0) + (0.5 * (1 - Math.Cos(2 * Math.PI * dx)));
        }

        var escaped = Enumerable.Range(0, 5)
            .Count(seed => Run(new AutoSampler(new AutoSamplerOptions { Seed = seed }), Trap, 60).BestValue < 0.5);

        Assert.True(escaped >= 4, $"the minimum's branch was found in {escaped} of 5 seeds");
    }

    [Fact]
    public void Optimize_ConditionalSpaceSameSeed_ProposesTheSameTrials()
    {
        static double Layers(Trial t)
        {
            var layers = t.SuggestInt("layers", 1, 3);
            var value = 0.0;
            for (var i = 0; i < layers; i++)
            {
                value += Math.Pow(t.SuggestFloat($"units{i}", 0, 1) - (0.2 * i), 2);
            }

            return value + (0.1 * Math.Abs(layers - 2));
        }

        static string Params(Study s) => string.Join(';', s.Trials.Select(t => string.Join(',', t.Params.Select(p => $"{p.Key}={p.Value}"))));

        var first = Run(new AutoSampler(new AutoSamplerOptions { Seed = 9 }), Layers, 25);
        var second = Run(new AutoSampler(new AutoSamplerOptions { Seed = 9 }), Layers, 25);

        Assert.Equal(Params(first), Params(second));
        Assert.Contains(first.Trials, t => Choice(t) == "gp-conditional");

        // An integer choice that fixes the sub-space is pinned by the proposal, so the trial suggests that sub-space's
        // parameters: a proposal for two layers never comes with a third layer's units.
        Assert.All(first.Trials, t => Assert.Equal(t.Params.Count, 1 + (int)t.Params["layers"]!));
    }

    [Theory]
    [InlineData(2, "nsga2")]
    [InlineData(3, "nsga3")]
    public void Optimize_SeveralObjectives_UsesNsgaIIForTwoAndNsgaIIIForMore(int objectives, string expected)
    {
        var study = Study.Create(new StudyOptions
        {
            Storage = new InMemoryStorage(),
            Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 2 }),
            Directions = Enumerable.Repeat(StudyDirection.Minimize, objectives).ToArray(),
        });
        study.Optimize(
            t => Enumerable.Range(0, objectives).Select(k => t.SuggestFloat("x", 0, 1) + t.SuggestFloat($"y{k}", 0, 1)).ToArray(),
            new OptimizeOptions { Trials = 60, ShowProgress = false });

        Assert.All(study.Trials, t => Assert.Equal(expected, Choice(t)));
        Assert.Equal(60, study.GetTrials(TrialState.Complete).Count);

        // Past the first generation of 50, the trials are bred.
        Assert.All(study.Trials, t => Assert.Equal(t.Number < 50 ? 0L : 1L, t.SystemAttrs[$"{expected}:generation"]));
    }

    [Fact]
    public void Optimize_Branin_BeatsRandomSearchOnMedian()
    {
        static double Best(ISampler sampler) => Run(sampler, Branin, 40).BestValue;

        var auto = Median(Enumerable.Range(0, 3).Select(seed => Best(new AutoSampler(new AutoSamplerOptions { Seed = seed }))));
        var random = Median(Enumerable.Range(0, 3).Select(seed => Best(new RandomSampler(seed))));

        Assert.True(auto < random, $"auto {auto}, random {random}");
        Assert.True(auto < 0.45, $"auto {auto} should be near Branin's minimum 0.398");
    }

    [Fact]
    public void Constructor_NegativeGpTrials_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new AutoSampler(new AutoSamplerOptions { GpTrials = -1 }));

        Assert.Contains("GpTrials must be >= 0, but got -1", error.Message, StringComparison.Ordinal);
    }

    private static string? Choice(FrozenTrial trial) => trial.SystemAttrs[AutoSampler.ChoiceAttr] as string;

    private static double Quadratic(Trial t) => Math.Pow(t.SuggestFloat("x", -5, 5) - 1, 2) + Math.Pow(t.SuggestFloat("y", -5, 5) + 2, 2);

    private static double Branin(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 10);
        var y = t.SuggestFloat("y", 0, 15);
        var a = y - (5.1 / (4 * Math.PI * Math.PI) * x * x) + (5 / Math.PI * x) - 6;
        return (a * a) + (10 * (1 - (1 / (8 * Math.PI))) * Math.Cos(x)) + 10;
    }

    private static Study Run(ISampler sampler, Func<Trial, double> objective, int trials)
    {
        var study = Study.Create(new StudyOptions { Storage = new InMemoryStorage(), Sampler = sampler });
        study.Optimize(objective, new OptimizeOptions { Trials = trials, ShowProgress = false });
        return study;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

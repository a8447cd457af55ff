using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Pruners;

public class HyperbandPrunerTests
{
    private static HyperbandPruner Pruner(int minResource = 1, int? maxResource = 9, int reductionFactor = 3, int? seed = null) =>
        new(new HyperbandPrunerOptions { MinResource = minResource, MaxResource = maxResource, ReductionFactor = reductionFactor, Seed = seed });

    [Theory]
    [InlineData(1, 9, 3, 3)]
    [InlineData(1, 8, 3, 2)]
    [InlineData(1, 100, 3, 5)]
    [InlineData(1, 1000, 10, 4)]
    [InlineData(5, 5, 3, 1)]
    public void GetBracketCount_Resources_IsFloorLogOfTheirRatioPlusOne(int minResource, int maxResource, int reductionFactor, int expected)
    {
        var study = Study.Create();

        Assert.Equal(expected, Pruner(minResource, maxResource, reductionFactor).GetBracketCount(study));
    }

    [Fact]
    public void GetBracket_OnePeriod_GivesEachBracketExactlyItsBudget()
    {
        // n = 5, η = 3: budgets ceil(5 * 3^s / (s + 1)) for s = 4..0: 81, 34, 15, 8, 5 (of 143), repeating.
        var pruner = Pruner(maxResource: 100);
        var study = Study.Create();
        int[] expected = [81, 34, 15, 8, 5];
        foreach (var start in new[] { 0, 143, 143 * 100 })
        {
            var counts = new int[5];
            for (var number = start; number < start + 143; number++)
            {
                counts[pruner.GetBracket(study, number)!.Value]++;
            }

            Assert.Equal(expected, counts);
        }
    }

    [Theory]
    [InlineData(1, 100, 3, null)]
    [InlineData(1, 100, 3, 57)]
    [InlineData(1, 27, 3, null)]
    [InlineData(1, 1000, 2, null)]
    [InlineData(1, 1000, 10, -3)]
    [InlineData(2, 300, 4, 1_000_003)]
    public void GetBracket_EveryPrefixOfTheStudy_KeepsEachBracketNearItsShare(int minResource, int maxResource, int reductionFactor, int? seed)
    {
        // Within one trial of each bracket's share from the first trial on (two when rotated by a seed), where a hash
        // drifts by several trials over a thousand.
        var pruner = Pruner(minResource, maxResource, reductionFactor, seed);
        var study = Study.Create();
        var n = pruner.GetBracketCount(study)!.Value;
        var budgets = Enumerable.Range(0, n).Select(b => Math.Ceiling(n * Math.Pow(reductionFactor, n - 1 - b) / (n - b))).ToArray();
        var total = budgets.Sum();
        var tolerance = seed is null ? 1.0 : 2.0;
        var counts = new int[n];
        for (var number = 0; number < 5_000; number++)
        {
            counts[pruner.GetBracket(study, number)!.Value]++;
            for (var bracket = 0; bracket < n; bracket++)
            {
                var share = (number + 1) * budgets[bracket] / total;
                Assert.True(
                    Math.Abs(counts[bracket] - share) < tolerance,
                    $"after {number + 1} trials bracket {bracket} has {counts[bracket]}, share {share:F2}");
            }
        }
    }

    [Fact]
    public void GetBracket_AnyStudy_DependsOnTheTrialNumberAndSeedOnly()
    {
        static int[] Brackets(HyperbandPruner pruner, string name, int from = 0)
        {
            var study = Study.Create(new StudyOptions { Name = name });
            return [.. Enumerable.Range(from, 50).Select(n => pruner.GetBracket(study, n)!.Value)];
        }

        Assert.Equal(Brackets(Pruner(), "a"), Brackets(Pruner(), "b"));
        Assert.Equal(Brackets(Pruner(seed: 7), "a"), Brackets(Pruner(seed: 7), "b"));
        Assert.NotEqual(Brackets(Pruner(), "a"), Brackets(Pruner(seed: 7), "a"));

        // The seed rotates the order: trial n takes the bracket trial n + seed has without one.
        Assert.Equal(Brackets(Pruner(), "a", from: 7), Brackets(Pruner(seed: 7), "a"));
    }

    [Fact]
    public void GetBracket_ConcurrentCallers_AgreeWithASingleCaller()
    {
        var single = Pruner(maxResource: 1000, reductionFactor: 2);
        var expected = Enumerable.Range(0, 2_000).Select(n => single.GetBracket(Study.Create(), n)!.Value).ToArray();
        var pruner = Pruner(maxResource: 1000, reductionFactor: 2);
        var study = Study.Create();
        var seen = new int[2_000];

        // Callers racing from the far end make the order grow while others read it.
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => seen[1_999 - i] = pruner.GetBracket(study, 1_999 - i)!.Value);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Prune_OtherBracketsBetterValue_DoesNotCount()
    {
        var study = Study.Create(new StudyOptions { Pruner = Pruner() });
        var hyperband = (HyperbandPruner)study.Pruner;
        var trials = Enumerable.Range(0, 30).Select(_ => study.Ask()).ToList();
        var patient = trials.First(t => hyperband.GetBracket(study, t.Number) == 1);
        var aggressive = trials.First(t => hyperband.GetBracket(study, t.Number) == 0);

        // Bracket 1 judges first at step 3 and records 0.1 at its rung 0; bracket 0 judges first at step 1.
        for (var step = 0; step <= 3; step++)
        {
            patient.Report(0.1, step);
        }

        Assert.False(PrunerStudies.Decide(study, patient));
        aggressive.Report(1.0, 0);
        aggressive.Report(1.0, 1);

        Assert.False(PrunerStudies.Decide(study, aggressive));
        Assert.Equal(0, aggressive.SystemAttrs[HyperbandPruner.BracketKey] is long b ? (int)b : -1);
    }

    [Fact]
    public void Prune_SameBracketsBetterValue_Prunes()
    {
        var study = Study.Create(new StudyOptions { Pruner = Pruner() });
        var hyperband = (HyperbandPruner)study.Pruner;
        var trials = Enumerable.Range(0, 30).Select(_ => study.Ask()).ToList();
        var aggressive = trials.Where(t => hyperband.GetBracket(study, t.Number) == 0).Take(2).ToList();

        aggressive[0].Report(0.1, 1);
        Assert.False(PrunerStudies.Decide(study, aggressive[0]));
        aggressive[1].Report(1.0, 1);

        Assert.True(PrunerStudies.Decide(study, aggressive[1]));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(0)]
    public void Prune_MaxResourceNotAPowerOfTheFactor_JudgesNoTrialAtLevelNMinusOne(int bracket)
    {
        // R = 30, r = 1, η = 3: 4 brackets, budget levels at steps 1, 3, 9 and R. Step 27 (= r·η^3) is reachable but
        // lies at the top level, where trials complete: no bracket judges there, and the last bracket judges nowhere.
        var study = Study.Create(new StudyOptions { Pruner = Pruner(maxResource: 30) });
        var hyperband = (HyperbandPruner)study.Pruner;
        var trials = Enumerable.Range(0, 200).Select(_ => study.Ask()).Where(t => hyperband.GetBracket(study, t.Number) == bracket).Take(2).ToList();
        var best = trials[0];
        var worse = trials[1];
        for (var step = 0; step <= 27; step++)
        {
            best.Report(0.1, step);
            Assert.False(PrunerStudies.Decide(study, best));
        }

        for (var step = 0; step < 27; step++)
        {
            worse.Report(0.1, step);
            Assert.False(PrunerStudies.Decide(study, worse));
        }

        worse.Report(1.0, 27);

        Assert.False(PrunerStudies.Decide(study, worse));
    }

    [Fact]
    public void Prune_BelowTheTopLevel_StillJudges()
    {
        var study = Study.Create(new StudyOptions { Pruner = Pruner(maxResource: 30) });
        var hyperband = (HyperbandPruner)study.Pruner;
        var trials = Enumerable.Range(0, 200).Select(_ => study.Ask()).Where(t => hyperband.GetBracket(study, t.Number) == 2).Take(2).ToList();
        for (var step = 0; step <= 9; step++)
        {
            trials[0].Report(0.1, step);
        }

        Assert.False(PrunerStudies.Decide(study, trials[0]));
        for (var step = 0; step <= 9; step++)
        {
            trials[1].Report(1.0, step);
        }

        Assert.True(PrunerStudies.Decide(study, trials[1]));
    }

    [Fact]
    public void Prune_AutoMaxResource_WaitsForACompleteTrial()
    {
        var study = Study.Create(new StudyOptions { Pruner = Pruner(maxResource: null) });
        var hyperband = (HyperbandPruner)study.Pruner;
        Assert.Null(hyperband.GetBracketCount(study));

        study.Tell(PrunerStudies.Running(study, [.. Enumerable.Repeat(1.0, 27)]), 1);

        // R = 27 (last step 26, plus one): 4 brackets.
        Assert.Equal(4, hyperband.GetBracketCount(study));
    }

    [Fact]
    public void Prune_AutoMaxResourceBelowMinResource_SaysHowToFixIt()
    {
        var study = Study.Create(new StudyOptions { Pruner = Pruner(minResource: 10, maxResource: null) });
        study.Tell(PrunerStudies.Running(study, 1, 1, 1), 1);

        var error = Assert.Throws<InvalidOperationException>(() => PrunerStudies.Decide(study, PrunerStudies.Running(study, 1)));

        Assert.Contains("MaxResource = 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinResource = 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MinResourceAboveMaxResource_NamesBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Pruner(minResource: 10, maxResource: 5));

        Assert.Equal(
            "HyperbandPrunerOptions.MaxResource must be >= MinResource, but got MaxResource = 5, MinResource = 10. Set MaxResource to the steps a complete trial runs, or MinResource lower.",
            error.Message);
    }

    [Theory]
    [InlineData(0, 3, 0, "MinResource")]
    [InlineData(1, 1, 0, "ReductionFactor")]
    [InlineData(1, 3, -1, "BootstrapCount")]
    public void Constructor_OptionOutOfRange_NamesTheOption(int minResource, int reductionFactor, int bootstrapCount, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => new HyperbandPruner(new HyperbandPrunerOptions
        {
            MinResource = minResource,
            ReductionFactor = reductionFactor,
            BootstrapCount = bootstrapCount,
        }));

        Assert.Contains("HyperbandPrunerOptions." + option, error.Message, StringComparison.Ordinal);
    }
}

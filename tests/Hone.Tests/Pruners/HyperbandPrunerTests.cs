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
    public void GetBracket_ManyTrials_FollowsTheBudgetsOfThePaper()
    {
        // n = 5, η = 3: budgets ceil(5 * 3^s / (s + 1)) for s = 4..0: 81, 34, 15, 8, 5 (of 143).
        var pruner = Pruner(maxResource: 100);
        var study = Study.Create(new StudyOptions { Name = "budgets" });
        var counts = new int[5];
        for (var number = 0; number < 14_300; number++)
        {
            counts[pruner.GetBracket(study, number)!.Value]++;
        }

        int[] expected = [8100, 3400, 1500, 800, 500];
        for (var bracket = 0; bracket < 5; bracket++)
        {
            Assert.InRange(counts[bracket], expected[bracket] * 0.9, expected[bracket] * 1.1);
        }
    }

    [Fact]
    public void GetBracket_SameStudyName_AgreesAcrossInstancesAndDependsOnTheSeed()
    {
        static int[] Brackets(HyperbandPruner pruner, string name)
        {
            var study = Study.Create(new StudyOptions { Name = name });
            return [.. Enumerable.Range(0, 50).Select(n => pruner.GetBracket(study, n)!.Value)];
        }

        Assert.Equal(Brackets(Pruner(), "a"), Brackets(Pruner(), "a"));
        Assert.NotEqual(Brackets(Pruner(), "a"), Brackets(Pruner(), "b"));
        Assert.Equal(Brackets(Pruner(seed: 7), "a"), Brackets(Pruner(seed: 7), "b"));
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

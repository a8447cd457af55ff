using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Pruners;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pruners;

public class SuccessiveHalvingPrunerTests
{
    private static Study NewStudy(StudyDirection direction = StudyDirection.Minimize, int? minResource = 1, int reductionFactor = 2, int minEarlyStoppingRate = 0, int bootstrapCount = 0) =>
        Study.Create(new StudyOptions
        {
            Directions = [direction],
            Pruner = new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
            {
                MinResource = minResource,
                ReductionFactor = reductionFactor,
                MinEarlyStoppingRate = minEarlyStoppingRate,
                BootstrapCount = bootstrapCount,
            }),
        });

    [Fact]
    public void Prune_BeforeTheFirstRung_DoesNotPruneOrRecord()
    {
        var study = NewStudy(minResource: 2);
        var trial = PrunerStudies.Running(study, 100, 100);

        Assert.False(PrunerStudies.Decide(study, trial));
        Assert.DoesNotContain(trial.SystemAttrs.Keys, k => k.StartsWith("asha:", StringComparison.Ordinal));
    }

    [Fact]
    public void Prune_AtTheFirstRung_KeepsOnlyTheBestHalf()
    {
        // η = 2, r = 1: rung 0 at step 1. The first trial is alone there, so it is the best and goes on.
        var study = NewStudy();
        var first = PrunerStudies.Running(study, 9, 1.0);
        Assert.False(PrunerStudies.Decide(study, first));
        Assert.Equal(1.0, first.SystemAttrs["asha:rung_0"]);

        // The second is worse than the best of two; it stops, but its value stays at the rung.
        var second = PrunerStudies.Running(study, 9, 2.0);
        Assert.True(PrunerStudies.Decide(study, second));
        study.Tell(second, TrialState.Pruned);
        Assert.Equal(2.0, PrunerStudies.ReadRung(study.Trials[1], 0));

        // The third, 0.5 against [1, 2, 0.5], is the best of the best 3 / 2 = 1.
        var third = PrunerStudies.Running(study, 9, 0.5);
        Assert.False(PrunerStudies.Decide(study, third));
    }

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Prune_HundredsOfTrialsAtARung_KeepsExactlyThoseAmongTheBestFraction(StudyDirection direction)
    {
        // Enough trials that the rung's values are kept partly sorted and partly not yet merged, with ties (values in
        // tenths); each decision is checked against a count over every value recorded at the rung so far.
        var study = NewStudy(direction, reductionFactor: 3);
        var random = new Random(7);
        var recorded = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var value = random.Next(0, 50) / 10.0;
            var trial = PrunerStudies.Running(study, 9, value);
            var better = recorded.Count(v => direction == StudyDirection.Minimize ? v < value : v > value);
            var expected = better >= Math.Max((recorded.Count + 1) / 3, 1);

            Assert.Equal(expected, PrunerStudies.Decide(study, trial));
            recorded.Add(value);
            if (expected)
            {
                study.Tell(trial, TrialState.Pruned);
            }
            else
            {
                study.Tell(trial, value);
            }
        }
    }

    [Fact]
    public void Prune_Maximize_KeepsTheLargestValues()
    {
        var study = NewStudy(StudyDirection.Maximize);
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 1.0)));

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 0.5)));
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 2.0)));
    }

    [Fact]
    public void Prune_PromotedTrial_IsJudgedAgainAtTheNextRung()
    {
        // η = 2, r = 1: rungs at steps 1, 2, 4. The first trial reaches rungs 0 and 1 alone.
        var study = NewStudy();
        var leader = PrunerStudies.Running(study, 9, 1, 1);
        Assert.False(PrunerStudies.Decide(study, leader));
        Assert.Equal(["asha:rung_0", "asha:rung_1"], leader.SystemAttrs.Keys.Where(k => k.StartsWith("asha:", StringComparison.Ordinal)).Order());

        // The second is best at rung 0 ([1, 0.5]) and worse at rung 1 ([1, 3]).
        var second = PrunerStudies.Running(study, 9, 0.5);
        Assert.False(PrunerStudies.Decide(study, second));
        second.Report(3, 2);
        Assert.True(PrunerStudies.Decide(study, second));
    }

    [Fact]
    public void Prune_StepSkippingRungs_RecordsEachRungPassedWithTheLastValue()
    {
        var study = NewStudy();
        var trial = PrunerStudies.RunningAt(study, (5, 0.25));

        Assert.False(PrunerStudies.Decide(study, trial));
        Assert.Equal([0.25, 0.25, 0.25], Enumerable.Range(0, 3).Select(k => (double)trial.SystemAttrs["asha:rung_" + k]!));
    }

    [Fact]
    public void Prune_MinEarlyStoppingRate_MovesTheFirstRungUp()
    {
        // r = 1, η = 2, s = 1: the first rung lies at step 2.
        var study = NewStudy(minEarlyStoppingRate: 1);
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 0, 0)));

        var late = PrunerStudies.Running(study, 9, 9);
        Assert.False(PrunerStudies.Decide(study, late));
        late.Report(9, 2);
        Assert.True(PrunerStudies.Decide(study, late));
    }

    [Fact]
    public void Prune_BootstrapCount_StopsTheFirstTrialsAtTheRung()
    {
        var study = NewStudy(bootstrapCount: 2);

        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 1)));
        Assert.True(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 2)));
        Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, 0.5)));
    }

    [Fact]
    public void Prune_NaNAtARung_Prunes()
    {
        var study = NewStudy();
        var trial = PrunerStudies.Running(study, double.NaN);
        Assert.False(PrunerStudies.Decide(study, trial));

        trial.Report(double.NaN, 1);

        Assert.True(PrunerStudies.Decide(study, trial));
    }

    [Fact]
    public void Prune_AutoMinResource_WaitsForACompleteTrialThenUsesItsLastStepOver100()
    {
        var study = NewStudy(minResource: null);
        var early = PrunerStudies.Running(study, 9, 9, 9, 9);
        Assert.False(PrunerStudies.Decide(study, early));
        Assert.DoesNotContain(early.SystemAttrs.Keys, key => key.StartsWith("asha:", StringComparison.Ordinal));

        // Last step 299: r = 2, so rung 0 lies at step 2.
        study.Tell(PrunerStudies.Running(study, [.. Enumerable.Repeat(1.0, 300)]), 1);
        var trial = PrunerStudies.Running(study, 9, 9);
        Assert.False(PrunerStudies.Decide(study, trial));
        Assert.DoesNotContain(trial.SystemAttrs.Keys, key => key.StartsWith("asha:", StringComparison.Ordinal));
        trial.Report(9, 2);
        Assert.False(PrunerStudies.Decide(study, trial));
        Assert.True(trial.SystemAttrs.ContainsKey("asha:rung_0"));
    }

    [Fact]
    public void Prune_RungRecorded_IsStoredAtOnceForOtherWorkers()
    {
        var study = NewStudy();
        var trial = PrunerStudies.Running(study, 9, 1.5);

        _ = trial.ShouldPrune();

        Assert.Equal(1.5, PrunerStudies.ReadRung(study.Storage.GetTrial(trial.Id), 0));
    }

    [Theory]
    [InlineData(0, 4, 0, 0, "MinResource")]
    [InlineData(1, 1, 0, 0, "ReductionFactor")]
    [InlineData(1, 4, -1, 0, "MinEarlyStoppingRate")]
    [InlineData(1, 4, 0, -1, "BootstrapCount")]
    public void Constructor_OptionOutOfRange_NamesTheOption(int minResource, int reductionFactor, int rate, int bootstrap, string option)
    {
        var error = Assert.Throws<ArgumentException>(() => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
        {
            MinResource = minResource,
            ReductionFactor = reductionFactor,
            MinEarlyStoppingRate = rate,
            BootstrapCount = bootstrap,
        }));

        Assert.Contains("SuccessiveHalvingPrunerOptions." + option, error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 40)]
    public Property Prune_ValueBestAtTheRung_IsNeverPruned() =>
        Prop.ForAll(
            Arb.From(from others in Gen.ArrayOf(Gen.Choose(-100, 100).Select(v => v / 10.0))
                     from reductionFactor in Gen.Choose(2, 5)
                     from maximize in Gen.Elements(false, true)
                     select (others, reductionFactor, maximize)),
            sample =>
            {
                var (others, reductionFactor, maximize) = sample;
                var direction = maximize ? StudyDirection.Maximize : StudyDirection.Minimize;
                var study = NewStudy(direction, reductionFactor: reductionFactor);
                foreach (var value in others)
                {
                    _ = PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, value));
                }

                var best = others.Length == 0 ? 0 : maximize ? others.Max() + 1 : others.Min() - 1;
                Assert.False(PrunerStudies.Decide(study, PrunerStudies.Running(study, 0, best)));
            });
}

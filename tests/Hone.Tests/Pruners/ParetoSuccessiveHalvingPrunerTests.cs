using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pruners;

public class ParetoSuccessiveHalvingPrunerTests
{
    private static readonly StudyDirection[] Minimize2 = [StudyDirection.Minimize, StudyDirection.Minimize];

    private static Study NewStudy(int? minResource = 1, int reductionFactor = 2, int bootstrapCount = 0, StudyDirection second = StudyDirection.Minimize, IStorage? storage = null) =>
        Study.Create(new StudyOptions
        {
            Name = "pareto-asha",
            Storage = storage,
            Directions = [StudyDirection.Minimize, second],
            Pruner = new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
            {
                MinResource = minResource,
                ReductionFactor = reductionFactor,
                BootstrapCount = bootstrapCount,
            }),
        });

    /// <summary>A trial that reports a poor vector at step 0, then <paramref name="atRung"/> at step 1 (rung 0 when r = 1).</summary>
    private static Trial ReachingRung(Study study, params double[] atRung) => PrunerStudies.RunningVectors(study, [99, 99], atRung);

    [Fact]
    public void Prune_BeforeTheFirstRung_DoesNotPruneOrRecord()
    {
        var study = NewStudy(minResource: 2);
        var trial = ReachingRung(study, 100, 100);

        Assert.False(PrunerStudies.Decide(study, trial));
        Assert.DoesNotContain(trial.SystemAttrs.Keys, k => k.StartsWith(ParetoSuccessiveHalvingPruner.RungKeyPrefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Prune_TrialsReachingTheFirstRung_PromoteTheBestHalfByFrontThenCrowding(StudyDirection second)
    {
        // η = 2, r = 1: rung 0 at step 1, where each trial goes on only if fewer than max(n / 2, 1) of the n vectors beat it.
        var study = NewStudy(second: second);
        var sign = second == StudyDirection.Minimize ? 1 : -1;
        bool Decide(double first, double other, bool end)
        {
            var trial = ReachingRung(study, first, sign * other);
            var pruned = PrunerStudies.Decide(study, trial);
            if (end)
            {
                _ = pruned ? study.Tell(trial, TrialState.Pruned) : study.Tell(trial, [first, sign * other]);
            }

            return pruned;
        }

        // The two ends of the front have infinite crowding distances and stay running; (1, 3) is inner and
        // stops; (3.5, 0.5) has less room than (1, 3); (5, 5) lies in the second front; (-1, 5) is a new end.
        Assert.False(Decide(0, 4, end: false));
        Assert.False(Decide(4, 0, end: false));
        Assert.True(Decide(1, 3, end: true));
        Assert.True(Decide(3.5, 0.5, end: true));
        Assert.True(Decide(5, 5, end: true));
        Assert.False(Decide(-1, 5, end: true));
    }

    [Fact]
    public void Prune_AtARung_RecordsTheReportedVectorWhereTheStorageKeepsIt()
    {
        using var database = new TemporaryDatabase();
        using (var storage = new SqliteStorage(database.Path))
        {
            var study = NewStudy(second: StudyDirection.Maximize, storage: storage);
            var trial = ReachingRung(study, 0.5, double.PositiveInfinity);
            Assert.False(PrunerStudies.Decide(study, trial));
            study.Tell(trial, [0.5, 1]);
        }

        using var reopened = new SqliteStorage(database.Path);
        var stored = Assert.Single(Study.Load("pareto-asha", reopened).Trials);

        Assert.Equal([0.5, double.PositiveInfinity], ParetoRungs.ReadVector(stored.SystemAttrs[ParetoSuccessiveHalvingPruner.RungKeyPrefix + "0"])!);
    }

    [Fact]
    public void Prune_NaNAtARung_Prunes()
    {
        var study = NewStudy();

        Assert.True(PrunerStudies.Decide(study, ReachingRung(study, 0, double.NaN)));
    }

    [Fact]
    public void Prune_BootstrapCount_StopsTheFirstTrialsAtTheRungToSeedIt()
    {
        var study = NewStudy(bootstrapCount: 2);

        Assert.True(PrunerStudies.Decide(study, ReachingRung(study, 0, 0)));
        Assert.True(PrunerStudies.Decide(study, ReachingRung(study, 0, 0)));
        Assert.False(PrunerStudies.Decide(study, ReachingRung(study, -1, -1)));
    }

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Optimize_OneObjective_DecidesAsSuccessiveHalvingPruner(StudyDirection direction)
    {
        string Run(IPruner pruner)
        {
            var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(11), Pruner = pruner, Directions = [direction] });
            study.Optimize(LearningCurveObjective.For(direction), new OptimizeOptions { Trials = 40, ShowProgress = false });
            return string.Join(";", study.Trials.Select(t => $"{t.State}@{t.IntermediateValues.Count}"));
        }

        var scalar = Run(new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, ReductionFactor = 3 }));

        Assert.Equal(scalar, Run(new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, ReductionFactor = 3 })));
        Assert.Contains("Pruned", scalar, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_TwoObjectivesSameSeedTwice_MakesTheSameDecisions()
    {
        static string Run()
        {
            var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(7), Pruner = new ParetoSuccessiveHalvingPruner(), Directions = Minimize2 });
            study.Optimize(LearningCurveObjective.TwoObjectives(StudyDirection.Minimize, StudyDirection.Minimize), new OptimizeOptions { Trials = 30, ShowProgress = false });
            return string.Join(";", study.Trials.Select(t => $"{t.State}@{t.IntermediateVectors.Count}"));
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains("Pruned", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { ReductionFactor = 1 }));
        Assert.Equal("SuccessiveHalvingPrunerOptions.ReductionFactor must be >= 2, but got 1. Use 3 or 4, as the paper suggests.", error.Message);
        Assert.Throws<ArgumentException>(() => new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 0 }));
        Assert.Throws<ArgumentException>(() => new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinEarlyStoppingRate = -1 }));
        Assert.Throws<ArgumentException>(() => new ParetoSuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { BootstrapCount = -1 }));
    }
}

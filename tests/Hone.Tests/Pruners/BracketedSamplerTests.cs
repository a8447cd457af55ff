using Hone.Distributions;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Pruners;

public class BracketedSamplerTests
{
    [Fact]
    public void Optimize_WithHyperband_EachSamplerSeesOnlyItsBracketsTrials()
    {
        var samplers = new Dictionary<int, RecordingSampler>();
        var study = Study.Create(new StudyOptions
        {
            Name = "bracketed",
            Pruner = new HyperbandPruner(new HyperbandPrunerOptions { MaxResource = LearningCurveObjective.Steps }),
            Sampler = new BracketedSampler(bracket => samplers[bracket] = new RecordingSampler(bracket)),
        });
        var hyperband = (HyperbandPruner)study.Pruner;

        study.Optimize(LearningCurveObjective.For(StudyDirection.Minimize), new OptimizeOptions { Trials = 40, ShowProgress = false });

        Assert.Equal(Enumerable.Range(0, hyperband.GetBracketCount(study)!.Value), samplers.Keys.Order());
        foreach (var (bracket, sampler) in samplers)
        {
            Assert.All(sampler.Started, n => Assert.Equal(bracket, hyperband.GetBracket(study, n)));
            Assert.All(sampler.Seen, n => Assert.Equal(bracket, hyperband.GetBracket(study, n)));
            Assert.Equal(sampler.Started.Order(), sampler.Ended.Order());
        }

        Assert.Equal(40, samplers.Values.Sum(s => s.Started.Count));
        Assert.Contains(samplers.Values, s => s.Seen.Count > 0);
    }

    [Fact]
    public void Optimize_BracketsNotYetKnown_UsesTheSamplerOfBracketMinusOne()
    {
        var created = new List<int>();
        var study = Study.Create(new StudyOptions
        {
            Pruner = new HyperbandPruner(),
            Sampler = new BracketedSampler(bracket =>
            {
                created.Add(bracket);
                return new RandomSampler(bracket + 10);
            }),
        });

        study.Optimize(LearningCurveObjective.For(StudyDirection.Minimize), new OptimizeOptions { Trials = 10, ShowProgress = false });

        Assert.Equal(-1, created[0]);
        Assert.True(created.Count > 1);
    }

    [Fact]
    public void Ask_PrunerWithoutBrackets_SaysWhatToUse()
    {
        var study = Study.Create(new StudyOptions { Pruner = new MedianPruner(), Sampler = new BracketedSampler(_ => new RandomSampler()) });

        var error = Assert.Throws<InvalidOperationException>(() => study.Ask());

        Assert.Contains("HyperbandPruner", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A random sampler that records the trials it starts and ends and those its study view shows it.</summary>
    private sealed class RecordingSampler(int seed) : ISampler
    {
        private readonly RandomSampler _inner = new(seed);

        public List<int> Started { get; } = [];

        public List<int> Ended { get; } = [];

        public HashSet<int> Seen { get; } = [];

        public void BeforeTrial(Study study, Trial trial)
        {
            Started.Add(trial.Number);
            Seen.UnionWith(study.GetTrials().Select(t => t.Number));
            Seen.UnionWith(study.Trials.Select(t => t.Number));
        }

        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
            _inner.InferRelativeSearchSpace(study, trial);

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
            _inner.SampleRelative(study, trial, searchSpace);

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
            _inner.SampleIndependent(study, trial, name, distribution);

        public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) => Ended.Add(trial.Number);
    }
}

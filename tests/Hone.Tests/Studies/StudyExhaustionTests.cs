using Hone.Distributions;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Studies;

public class StudyExhaustionTests
{
    [Fact]
    public void Optimize_SamplerExhaustedAfterThreePoints_StopsWithThreeCompleteTrials()
    {
        var study = Study.Create(new StudyOptions { Sampler = new ThreePoints() });

        study.Optimize(t => t.SuggestFloat("x", 0, 10), new OptimizeOptions { Trials = 10, ShowProgress = false });

        Assert.Equal([0.0, 1.0, 2.0], study.Trials.Select(t => (double)t.Params["x"]!));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_ExhaustedOnlyAtTrialStart_EndsQuietlyAndRecordsTheTrialAsFailed()
    {
        var study = Study.Create(new StudyOptions { Sampler = new ThreePoints { Announce = false } });

        study.Optimize(t => t.SuggestFloat("x", 0, 10), new OptimizeOptions { Trials = 10, ShowProgress = false });

        Assert.Equal(4, study.Trials.Count);
        var last = study.Trials[3];
        Assert.Equal(TrialState.Failed, last.State);
        Assert.Contains("all three points", (string)last.SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ExhaustedSampler_ThrowsAndLeavesNoTrialRunning()
    {
        var study = Study.Create(new StudyOptions { Sampler = new ThreePoints() });
        for (var i = 0; i < 3; i++)
        {
            var trial = study.Ask();
            study.Tell(trial, trial.SuggestFloat("x", 0, 10));
        }

        Assert.Throws<SearchSpaceExhaustedException>(study.Ask);
        Assert.Empty(study.GetTrials(TrialState.Running));
    }

    [Fact]
    public void Optimize_ParallelWorkersRacingForTheLastGridPoints_EndWithoutAFailedTrial()
    {
        const int Workers = 6;
        var grid = new GridSampler(new GridSamplerOptions { Grid = new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [1, 2, 3] } });
        var study = Study.Create(new StudyOptions { Sampler = new Hesitant(grid, Workers) });

        study.Optimize(t => t.SuggestInt("x", 0, 10), new OptimizeOptions { Parallelism = Workers, ShowProgress = false });

        Assert.Equal([1, 2, 3], study.Trials.Select(t => (int)t.Params["x"]!).Order());
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    /// <summary>A sampler whose first answers that points are left wait (briefly) until that many workers have asked:
    /// every worker then believes a point is left for it, as when they all ask at the same moment.</summary>
    private sealed class Hesitant(ISampler inner, int workers) : ISampler
    {
        private int _asked;

        public bool IsExhausted(Study study)
        {
            if (inner.IsExhausted(study))
            {
                return true;
            }

            if (Interlocked.Increment(ref _asked) <= workers)
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref _asked) >= workers, TimeSpan.FromMilliseconds(300));
            }

            return false;
        }

        public void BeforeTrial(Study study, Trial trial) => inner.BeforeTrial(study, trial);

        public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) => inner.AfterTrial(study, trial, state, values);

        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) => inner.InferRelativeSearchSpace(study, trial);

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
            inner.SampleRelative(study, trial, searchSpace);

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) => inner.SampleIndependent(study, trial, name, distribution);
    }

    /// <summary>Proposes x = 0, 1, 2, then nothing.</summary>
    private sealed class ThreePoints : ISampler
    {
        private int _next;

        public bool Announce { get; init; } = true;

        public bool IsExhausted(Study study) => Announce && _next >= 3;

        public void BeforeTrial(Study study, Trial trial)
        {
            if (_next >= 3)
            {
                throw new SearchSpaceExhaustedException("all three points were taken");
            }
        }

        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
            new Dictionary<string, Distribution>();

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
            new Dictionary<string, double>();

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) => _next++;
    }
}

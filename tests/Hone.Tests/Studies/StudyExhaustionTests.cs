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

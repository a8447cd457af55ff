using Hone.Distributions;
using Hone.Samplers;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Studies;

public class StudySamplerErrorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Optimize_SamplerThrowsAfterATrial_StoresItFailedAndRethrowsTheError(int parallelism)
    {
        var study = Study.Create(new StudyOptions { Sampler = new Failing { FailAfter = true } });

        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 20, Parallelism = parallelism, ShowProgress = false }));

        Assert.Equal("rejected", error.Message);
        Assert.Empty(study.GetTrials(TrialState.Running));
        Assert.InRange(study.Trials.Count, 1, parallelism);
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Failed, t.State);
            Assert.Equal("The sampler rejected the trial: rejected", t.SystemAttrs[FrozenTrial.FailReasonKey]);
        });
    }

    [Fact]
    public void Tell_SamplerThrowsAfterTheTrial_StoresItFailedAndThrows()
    {
        var study = Study.Create(new StudyOptions { Sampler = new Failing { FailAfter = true } });
        var trial = study.Ask();

        Assert.Throws<InvalidOperationException>(() => study.Tell(trial, 1.0));

        Assert.Equal(TrialState.Failed, study.Trials[0].State);
        Assert.True(trial.IsFinished);
    }

    [Fact]
    public void Optimize_SamplerThrowsBeforeTrialsWithParallelism_RethrowsTheErrorItself()
    {
        var study = Study.Create(new StudyOptions { Sampler = new Failing { FailBefore = true } });

        // Not an AggregateException from the workers: the same error a single worker reports.
        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 20, Parallelism = 4, ShowProgress = false }));

        Assert.Equal("cannot start", error.Message);
        Assert.Empty(study.GetTrials(TrialState.Running));
        Assert.InRange(study.Trials.Count, 1, 4);
    }

    private sealed class Failing : ISampler
    {
        public bool FailBefore { get; init; }

        public bool FailAfter { get; init; }

        public void BeforeTrial(Study study, Trial trial)
        {
            if (FailBefore)
            {
                throw new InvalidOperationException("cannot start");
            }
        }

        public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
        {
            if (FailAfter)
            {
                throw new InvalidOperationException("rejected");
            }
        }

        public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
            new Dictionary<string, Distribution>();

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
            new Dictionary<string, double>();

        public double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) => 0.5;
    }
}

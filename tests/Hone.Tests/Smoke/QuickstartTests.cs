using Hone.Samplers;
using Hone.Studies;

namespace Hone.Tests.Smoke;

public class QuickstartTests
{
    [Fact]
    public void Optimize_Quadratic_FindsNearMinimum()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(seed: 1) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2), new OptimizeOptions { Trials = 200 });
        Assert.Equal(200, study.Trials.Count);
        Assert.True(study.BestValue < 0.1, $"best {study.BestValue}");
        Assert.InRange((double)study.BestParams["x"]!, 1.6, 2.4);
    }
}

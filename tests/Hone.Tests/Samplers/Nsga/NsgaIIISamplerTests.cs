using Hone.Samplers;
using Hone.Samplers.Nsga;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Samplers.Nsga;

public class NsgaIIISamplerTests
{
    [Fact]
    public void Constructor_DivisionsOutOfRange_ThrowsNamingTheOptionValueAndRange()
    {
        var error = Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { Divisions = 0 }));

        Assert.Contains("NsgaIIISamplerOptions.Divisions must be in [1, 1000], but got 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ReferencePointsOfDifferentLengths_ThrowsNamingThePoint()
    {
        var error = Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[1.0, 0, 0], [0.0, 1]] }));

        Assert.Contains("NsgaIIISamplerOptions.ReferencePoints[1] has 2 coordinates, but ReferencePoints[0] has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeReferencePoint_ThrowsNamingThePoint()
    {
        var error = Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[1.0, -0.5]] }));

        Assert.Contains("NsgaIIISamplerOptions.ReferencePoints[0] = [1, -0.5] must have finite coordinates >= 0, not all 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PopulationSizeBelowTwo_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new NsgaIIISampler(new NsgaIIISamplerOptions { PopulationSize = 0 }));

        Assert.Contains("NsgaIIISamplerOptions.PopulationSize must be >= 2, but got 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ReferencePointsOfAnotherDimensionThanTheObjectives_ThrowsNamingTheOption()
    {
        var sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { ReferencePoints = [[1.0, 0], [0.0, 1]] });
        var study = NsgaIISamplerTests.MultiObjectiveStudy(sampler, 3);

        var error = Assert.Throws<ArgumentException>(() => study.Ask());

        Assert.Contains("NsgaIIISamplerOptions.ReferencePoints has points of 2 coordinates, but the study has 3 objectives", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => study.Ask());
    }

    [Fact]
    public void Ask_DivisionsGivingTooManyReferencePoints_ThrowsNamingTheOption()
    {
        var study = NsgaIISamplerTests.MultiObjectiveStudy(new NsgaIIISampler(new NsgaIIISamplerOptions { Divisions = 20 }), 10);

        var error = Assert.Throws<ArgumentException>(() => study.Ask());

        Assert.Contains("NsgaIIISamplerOptions.Divisions = 20 gives 10015005 reference points for 10 objectives, more than the 100000 allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 50, 50)]
    [InlineData(3, 50, 45)]
    [InlineData(3, 92, 91)]
    [InlineData(5, 50, 35)]
    public void Ask_DefaultDivisions_FitTheReferencePointsToThePopulation(int objectives, int population, int points)
    {
        var sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { PopulationSize = population });
        var study = NsgaIISamplerTests.MultiObjectiveStudy(sampler, objectives);

        study.Ask();

        Assert.Equal(points, sampler.ReferencePoints.Length);
    }

    [Fact]
    public void Optimize_Dtlz2_FrontIsCloserToTheTrueFrontThanRandomSearchOnMedian()
    {
        // DTLZ2's front is the unit sphere's positive octant: the gap is the mean norm of the final front minus 1.
        static double Gap(ISampler sampler)
        {
            var study = NsgaIISamplerTests.MultiObjectiveStudy(sampler, 3);
            study.Optimize(Dtlz2, new OptimizeOptions { Trials = 500, ShowProgress = false });
            return study.BestTrials.Average(t => Math.Sqrt(t.Values!.Sum(v => v * v)) - 1);
        }

        var nsga = NsgaIISamplerTests.Median(Enumerable.Range(0, 3).Select(seed => Gap(new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed }))));
        var random = NsgaIISamplerTests.Median(Enumerable.Range(0, 3).Select(seed => Gap(new RandomSampler(seed))));

        Assert.True(nsga < 0.5 * random, $"NSGA-III gap {nsga}, random {random}");
    }

    [Fact]
    public void Optimize_SameSeedThreeObjectives_GivesIdenticalTrials()
    {
        static IEnumerable<string> Run()
        {
            var study = NsgaIISamplerTests.MultiObjectiveStudy(new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 8, PopulationSize = 12 }), 3);
            study.Optimize(Dtlz2, new OptimizeOptions { Trials = 60, ShowProgress = false });
            return study.Trials.Select(t => string.Join(";", t.InternalParams.Select(p => $"{p.Key}={p.Value:R}")));
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Optimize_ThreeObjectives_SavesEachGenerationsSurvivors()
    {
        var sampler = new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 2, PopulationSize = 12 });
        var study = NsgaIISamplerTests.MultiObjectiveStudy(sampler, 3);

        study.Optimize(Dtlz2, new OptimizeOptions { Trials = 60, ShowProgress = false });

        Assert.Equal(4, sampler.Engine.Generation);
        for (var generation = 0; generation < 4; generation++)
        {
            Assert.Equal(12, NsgaIISamplerTests.SavedPopulation(study, "nsga3", generation).Length);
        }
    }

    /// <summary>DTLZ2 with 3 objectives and 12 variables (Deb, Thiele, Laumanns and Zitzler 2002).</summary>
    private static IReadOnlyList<double> Dtlz2(Trial trial)
    {
        var x = new double[12];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = trial.SuggestFloat($"x{i}", 0, 1);
        }

        var g = 0.0;
        for (var i = 2; i < x.Length; i++)
        {
            g += (x[i] - 0.5) * (x[i] - 0.5);
        }

        var a = x[0] * Math.PI / 2;
        var b = x[1] * Math.PI / 2;
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    }
}

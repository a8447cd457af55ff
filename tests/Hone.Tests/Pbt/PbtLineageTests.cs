using System.Text.Json;
using Hone.Distributions;
using Hone.Pbt;
using Hone.SearchSpaces;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Pbt;

public class PbtLineageTests
{
    [Fact]
    public async Task WriteCsv_Run_WritesAHeaderAndOneRowPerSegment()
    {
        var (study, lineage) = await Run();
        using var writer = new StringWriter();

        lineage.WriteCsv(writer);

        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "trial,member,state,reason,start_step,end_step,score,parent_trial,parent_member,parent_step,previous_trial,params_lr,copied_lr,explore_lr,fail_reason",
            lines[0]);
        Assert.Equal(study.Trials.Count + 1, lines.Length);
        Assert.StartsWith("0,0,", lines[1], StringComparison.Ordinal);
        var exploit = lineage.Segments.First(s => s.Reason == PbtSegmentReason.Exploit);
        var row = lines[exploit.Trial + 1].Split(',');
        Assert.Equal("Exploit", row[3]);
        Assert.Equal(exploit.ParentTrial!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), row[7]);
        Assert.Equal(exploit.Explore!["lr"], row[13]);
    }

    [Fact]
    public async Task WriteJson_Run_WritesEverySegmentWithItsScores()
    {
        var (study, lineage) = await Run();
        using var writer = new StringWriter();

        lineage.WriteJson(writer);

        using var document = JsonDocument.Parse(writer.ToString());
        var segments = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(study.Trials.Count, segments.Count);
        var last = segments[^1];
        Assert.Equal(study.Trials[^1].IntermediateValues.Count, last.GetProperty("scores").EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Number, last.GetProperty("hyperparameters").GetProperty("lr").ValueKind);
        Assert.Equal("Initial", segments[0].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, segments[0].GetProperty("parent_trial").ValueKind);
    }

    [Fact]
    public void Read_StudyWithOtherTrials_LeavesThemOutAndSaysSoForAncestry()
    {
        var study = Study.Create();
        study.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 2, ShowProgress = false });

        var lineage = PbtLineage.Read(study);

        Assert.Empty(lineage.Segments);
        var error = Assert.Throws<ArgumentException>(() => lineage.Ancestry(1));
        Assert.StartsWith("Trial 1 is not a segment of a population-based training run.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A small seeded run: 4 members, 20 steps, an exploit every 5.</summary>
    private static async Task<(Study Study, PbtLineage Lineage)> Run()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize] });
        var pbt = new PopulationBasedTraining(new PopulationBasedTrainingOptions { PopulationSize = 4, TotalSteps = 20, Seed = 1 });
        var result = await pbt.RunAsync(study, new SearchSpace().Add("lr", new FloatDistribution(1e-3, 1, log: true)), slot => new NoisyQuadraticMember(slot));
        Assert.Contains(result.Lineage.Segments, s => s.State == TrialState.Pruned);
        return (study, result.Lineage);
    }
}

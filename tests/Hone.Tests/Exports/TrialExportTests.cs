using System.Text.Json;
using Hone.Distributions;
using Hone.Exports;
using Hone.Samplers;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Exports;

public class TrialExportTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void WriteCsv_SmallStudy_WritesHeaderAndQuotedRows()
    {
        var study = SmallStudy();
        using var text = new StringWriter();

        TrialExport.WriteCsv(study, text);

        Assert.Equal(
            "number,state,value,started,completed,duration_seconds,params_x,params_opt,user_attrs_note,fail_reason\r\n"
            + "0,Complete,1.25,2024-01-02T03:04:05.0000000+00:00,2024-01-02T03:04:06.5000000+00:00,1.5,0.5,\"a,b\",first,\r\n"
            + "1,Failed,,2024-01-02T03:04:06.5000000+00:00,2024-01-02T03:04:08.5000000+00:00,2,0.25,\"say \"\"hi\"\"\",,\"diverged, \"\"badly\"\"\"\r\n"
            + "2,Pruned,,2024-01-02T03:04:08.5000000+00:00,2024-01-02T03:04:08.7500000+00:00,0.25,,,,\r\n",
            text.ToString());
    }

    [Fact]
    public void WriteCsv_RetriedTrial_WritesWhichTrialEachRetryRepeats()
    {
        var study = Study.Create(new StudyOptions { Name = "retried", Sampler = new RandomSampler(1) });
        var failed = study.Ask();
        failed.SuggestFloat("x", 0, 1);
        study.Tell(failed, TrialState.Failed, "worker lost");
        study.Retry(failed.Number);
        var retry = study.Ask();
        retry.SuggestFloat("x", 0, 1);
        study.Tell(retry, 2.0);
        using var text = new StringWriter();

        TrialExport.WriteCsv(study, text);

        var rows = text.ToString().Split("\r\n");
        Assert.EndsWith(",fail_reason,retry_of", rows[0], StringComparison.Ordinal);
        Assert.EndsWith(",worker lost,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("1,Complete,2,", rows[2], StringComparison.Ordinal);
        Assert.EndsWith(",,0", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_MultiObjective_WritesOneColumnPerObjective()
    {
        var clock = new ManualTimeProvider(Start);
        var study = Study.Create(new StudyOptions
        {
            Name = "mo",
            TimeProvider = clock,
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        });
        var trial = study.Ask();
        clock.Advance(TimeSpan.FromSeconds(3));
        study.Tell(trial, [0.1, 42]);
        study.Tell(study.Ask(), TrialState.Failed, "x");
        using var text = new StringWriter();

        TrialExport.WriteCsv(study, text);

        Assert.Equal(
            "number,state,values_0,values_1,started,completed,duration_seconds,fail_reason\r\n"
            + "0,Complete,0.1,42,2024-01-02T03:04:05.0000000+00:00,2024-01-02T03:04:08.0000000+00:00,3,\r\n"
            + "1,Failed,,,2024-01-02T03:04:08.0000000+00:00,2024-01-02T03:04:08.0000000+00:00,0,x\r\n",
            text.ToString());
    }

    [Fact]
    public void WriteJson_SmallStudy_WritesTheRecords()
    {
        using var document = JsonDocument.Parse(Json(SmallStudy()));
        var root = document.RootElement;

        Assert.Equal("export", root.GetProperty("study").GetString());
        Assert.Equal(["Minimize"], root.GetProperty("directions").EnumerateArray().Select(d => d.GetString()));
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(3, trials.Count);

        var first = trials[0];
        Assert.Equal(0, first.GetProperty("number").GetInt32());
        Assert.Equal("Complete", first.GetProperty("state").GetString());
        Assert.Equal([1.25], first.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("2024-01-02T03:04:05.0000000+00:00", first.GetProperty("started").GetString());
        Assert.Equal("a,b", first.GetProperty("params").GetProperty("opt").GetString());
        Assert.Equal(0.5, first.GetProperty("params").GetProperty("x").GetDouble());
        Assert.Equal(
            new CategoricalDistribution(["a,b", "say \"hi\""]),
            JsonSerializer.Deserialize<Distribution>(first.GetProperty("distributions").GetProperty("opt")));
        Assert.Equal(0.75, first.GetProperty("intermediate_values").GetProperty("0").GetDouble());
        Assert.Equal("first", first.GetProperty("user_attrs").GetProperty("note").GetString());

        Assert.Equal(JsonValueKind.Null, trials[1].GetProperty("values").ValueKind);
        Assert.Equal("diverged, \"badly\"", trials[1].GetProperty("system_attrs").GetProperty("fail_reason").GetString());
        Assert.Empty(trials[2].GetProperty("params").EnumerateObject());
    }

    [Fact]
    public void WriteJson_MultiObjectiveReports_WritesEachStepAsItsVector()
    {
        var study = Study.Create(new StudyOptions { Name = "vectors", Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var trial = study.Ask();
        trial.Report([0.5, 120], 0);
        trial.Report([double.NaN, 130], 1);
        study.Tell(trial, [0.4, 130]);

        using var document = JsonDocument.Parse(Json(study));

        var steps = document.RootElement.GetProperty("trials")[0].GetProperty("intermediate_values");
        Assert.Equal([0.5, 120.0], steps.GetProperty("0").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("NaN", steps.GetProperty("1")[0].GetString());
        Assert.Equal(130, steps.GetProperty("1")[1].GetDouble());
    }

    [Fact]
    public void WriteJson_RandomStudy_RoundTripsEveryParameterAndValue()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(11) });
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", -3, 3);
                t.SuggestFloat("lr", 1e-6, 1, log: true);
                t.SuggestFloat("grid", 0, 2, step: 0.5);
                t.SuggestInt("n", -5, 5);
                t.SuggestCategorical<object?>("mixed", ["s", 1, 2.0, true, null]);
                t.Report(x / 3, 0);
                t.SetUserAttr("x2", x * x);
                return x * x;
            },
            new OptimizeOptions { Trials = 25, ShowProgress = false });

        using var document = JsonDocument.Parse(Json(study));

        var exported = document.RootElement.GetProperty("trials").EnumerateArray().ToList();
        foreach (var (trial, element) in study.Trials.Zip(exported))
        {
            Assert.Equal(trial.Value, element.GetProperty("values")[0].GetDouble());
            Assert.Equal(trial.IntermediateValues[0], element.GetProperty("intermediate_values").GetProperty("0").GetDouble());
            Assert.Equal(trial.UserAttrs["x2"], element.GetProperty("user_attrs").GetProperty("x2").GetDouble());
            foreach (var (name, distribution) in trial.Distributions)
            {
                var read = JsonSerializer.Deserialize<Distribution>(element.GetProperty("distributions").GetProperty(name))!;
                Assert.Equal(distribution, read);
                var value = DistributionJsonConverter.ReadChoice(element.GetProperty("params").GetProperty(name));
                Assert.Equal(trial.InternalParams[name], read.ToInternal(value));
            }
        }
    }

    private static string Json(Study study)
    {
        using var text = new StringWriter();
        TrialExport.WriteJson(study, text);
        return text.ToString();
    }

    /// <summary>Three trials with known times: complete, failed with a reason, pruned; strings that need quoting.</summary>
    private static Study SmallStudy()
    {
        var clock = new ManualTimeProvider(Start);
        var study = Study.Create(new StudyOptions { Name = "export", TimeProvider = clock, Sampler = new RandomSampler(1) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["opt"] = "a,b" });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["opt"] = "say \"hi\"" });

        var first = Suggest(study.Ask());
        first.Report(0.75, 0);
        first.SetUserAttr("note", "first");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        study.Tell(first, 1.25);

        var second = Suggest(study.Ask());
        clock.Advance(TimeSpan.FromSeconds(2));
        study.Tell(second, TrialState.Failed, "diverged, \"badly\"");

        var third = study.Ask();
        clock.Advance(TimeSpan.FromSeconds(0.25));
        study.Tell(third, TrialState.Pruned);
        return study;
    }

    private static Trial Suggest(Trial trial)
    {
        trial.SuggestFloat("x", 0, 1);
        trial.SuggestCategorical("opt", ["a,b", "say \"hi\""]);
        return trial;
    }
}

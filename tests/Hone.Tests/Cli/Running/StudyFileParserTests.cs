using Hone.Cli;
using Hone.Cli.Running;
using Hone.Distributions;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Samplers.Tpe;
using Hone.Studies;

namespace Hone.Tests.Cli.Running;

public sealed class StudyFileParserTests
{
    private const string Minimal = """
        name: svm
        direction: maximize
        trials: 10
        parameters:
          C: {type: float, low: 0.01, high: 100, log: true}
        command: [python3, train.py, --C, "{C}"]
        """;

    private static StudyFile Parse(string text, string path = "study.yaml") => StudyFileParser.Parse(text, path, "/work/studies");

    private static string Error(string text, string path = "study.yaml") => Assert.Throws<CliException>(() => Parse(text, path)).Message;

    [Fact]
    public void Parse_FullFile_ReadsEveryKey()
    {
        var file = Parse("""
            name: svm
            storage: sqlite:///runs/hone.db
            objectives: {accuracy: maximize, seconds: minimize}
            sampler: {type: tpe, seed: 3, startup_trials: 5, multivariate: true}
            pruner: none
            trials: 40
            timeout: 1h30m
            parallelism: 2
            parameters:
              kernel: [rbf, linear]
              C: {type: float, low: 0.01, high: 100, log: true}
              gamma: {type: float, low: 0.0001, high: 1, log: true, when: {parameter: kernel, in: [rbf]}}
              depth: {type: int, low: 1, high: 9, step: 2}
            command: python3 train.py --C {C}
            working_dir: src
            env: {OMP_NUM_THREADS: 1}
            trial_timeout: 90s
            retries: 2
            grace_period: 500ms
            heartbeat: 2s
            heartbeat_grace: 30s
            resources: {slots: [0, 1], per_trial: 1, share: 2}
            logs_dir: logs
            """);

        Assert.Equal("svm", file.Name);
        Assert.Equal("sqlite:////work/studies/runs/hone.db", file.Storage);
        Assert.Equal([new Objective("accuracy", StudyDirection.Maximize), new Objective("seconds", StudyDirection.Minimize)], file.Objectives);
        Assert.IsType<TpeSampler>(file.Sampler);
        Assert.IsType<NopPruner>(file.Pruner);
        Assert.Equal((40, TimeSpan.FromMinutes(90), 2), (file.Trials, file.Timeout, file.Parallelism));
        Assert.Equal(["kernel", "C", "gamma", "depth"], file.SearchSpace.Parameters.Select(p => p.Name));
        Assert.Equal(new CategoricalDistribution(["rbf", "linear"]), file.SearchSpace.Parameters[0].Distribution);
        Assert.Equal(new FloatDistribution(0.01, 100, log: true), file.SearchSpace.Parameters[1].Distribution);
        Assert.Equal("kernel", file.SearchSpace.Parameters[2].Condition!.Parameter);
        Assert.Equal(new IntDistribution(1, 9, step: 2), file.SearchSpace.Parameters[3].Distribution);
        Assert.True(file.Command.IsShell);
        Assert.Equal("/work/studies/src", file.WorkingDirectory);
        Assert.Equal("1", file.Environment["OMP_NUM_THREADS"]);
        Assert.Equal((TimeSpan.FromSeconds(90), 2, TimeSpan.FromMilliseconds(500)), (file.TrialTimeout, file.Retries, file.GracePeriod));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)), (file.Heartbeat, file.HeartbeatGrace));
        Assert.Equal((1, 2, "CUDA_VISIBLE_DEVICES"), (file.Slots!.PerTrial, file.Slots.Share, file.Slots.Variable));
        Assert.Equal(["0", "1"], file.Slots.Slots);
        Assert.Equal("/work/studies/logs", file.LogDirectory);
    }

    [Fact]
    public void Parse_MinimalFile_UsesDefaults()
    {
        var file = Parse(Minimal);

        Assert.Null(file.Storage);
        Assert.Equal([new Objective(null, StudyDirection.Maximize)], file.Objectives);
        Assert.IsType<AutoSampler>(file.Sampler);
        Assert.IsType<NopPruner>(file.Pruner);
        Assert.Equal(1, file.Parallelism);
        Assert.Equal("/work/studies", file.WorkingDirectory);
        Assert.Equal("/work/studies/hone-logs/svm", file.LogDirectory);
        Assert.Equal(TimeSpan.FromSeconds(10), file.GracePeriod);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)), (file.Heartbeat, file.HeartbeatGrace));
    }

    [Fact]
    public void Parse_HeartbeatGraceNotLongerThanTheHeartbeat_IsAnError()
    {
        var error = Error(Minimal + "\nheartbeat: 30s\nheartbeat_grace: 20s");

        Assert.StartsWith("study.yaml:8:18: heartbeat_grace (00:00:20) must be longer than heartbeat (00:00:30)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Constraints_ReadsEachLimitInOrder()
    {
        var file = Parse(Minimal + "\nconstraints:\n  latency_ms: {max: 20}\n  recall: {min: 0.8}\n  memory_gb: {min: 1, max: 4}");

        Assert.Equal([new MetricConstraint("latency_ms", null, 20), new MetricConstraint("recall", 0.8, null), new MetricConstraint("memory_gb", 1, 4)], file.Constraints);
        Assert.Empty(Parse(Minimal).Constraints);
    }

    [Theory]
    [InlineData("{latency: {}}", "study.yaml:7:24: constraint 'latency' needs a limit: {max: 20}, {min: 0.8} or both.")]
    [InlineData("{latency: {min: 5, max: 2}}", "study.yaml:7:24: constraint 'latency' has min 5 above max 2; no value could meet it.")]
    [InlineData("{latency: {max: fast}}", "study.yaml:7:30: 'constraints.latency.max' must be a finite number, but got 'fast'.")]
    [InlineData("{latency: {maxi: 3}}", "study.yaml:7:25: unknown key 'maxi' in constraints.latency. Did you mean 'max'?")]
    [InlineData("{\"lat ency\": {max: 3}}", "study.yaml:7:15: metric name 'lat ency' must be letters, digits, '_', '.' or '-', so that 'hone: result lat ency=0.5' can name it.")]
    public void Parse_BadConstraint_IsAnErrorNamingIt(string constraints, string expected)
    {
        var error = Error(Minimal + "\nconstraints: " + constraints);

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConstraintOnAnObjective_IsAnError()
    {
        var error = Error(Minimal.Replace("direction: maximize", "objectives: {accuracy: maximize}", StringComparison.Ordinal) + "\nconstraints: {accuracy: {min: 0.9}}");

        Assert.Contains("'accuracy' is an objective; a constraint limits another metric the trial prints", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Json_ReadsTheSameStudyWithTabs()
    {
        var file = Parse(
            "{\n\t\"name\": \"svm\",\n\t\"direction\": \"maximize\",\n\t\"trials\": 10,\n\t\"sampler\": {\"type\": \"random\", \"seed\": 1},\n"
            + "\t\"parameters\": {\"C\": {\"type\": \"float\", \"low\": 0.01, \"high\": 100, \"log\": true}},\n"
            + "\t\"command\": [\"python3\", \"train.py\", \"--C\", \"{C}\"]\n}\n",
            "study.json");

        Assert.Equal("svm", file.Name);
        Assert.IsType<RandomSampler>(file.Sampler);
        Assert.Equal(new FloatDistribution(0.01, 100, log: true), file.SearchSpace.Parameters[0].Distribution);
    }

    [Fact]
    public void Parse_JsonSyntaxError_NamesLineAndColumn()
    {
        var message = Error("{\n  \"name\": \"svm\",\n  \"trials\": 10,,\n}\n", "study.json");

        Assert.StartsWith("study.json:3:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlSyntaxError_NamesFileLineAndColumn()
    {
        var message = Error("name: svm\ndirection: maximize\nparameters:\n  C: {type: float, low: 1\ncommand: [a]\n");

        Assert.Matches(@"^study\.yaml:[1-5]:\d+: invalid YAML", message);
        Assert.DoesNotContain("Idx", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadIndentation_NamesTheLine()
    {
        var message = Error("name: svm\ndirection: maximize\n  trials: 3\n");

        Assert.StartsWith("study.yaml:3:", message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var message = Error(Minimal + "\ntrials: 5\n");

        Assert.Contains("study.yaml:", message, StringComparison.Ordinal);
        Assert.Contains("uplicate key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_SuggestsTheNearest()
    {
        var message = Error(Minimal + "\nparalelism: 2\n");

        Assert.StartsWith("study.yaml:7:1: unknown key 'paralelism' in the study file. Did you mean 'parallelism'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSamplerOption_SuggestsTheNearest()
    {
        var message = Error(Minimal + "\nsampler: {type: tpe, startup_trails: 5}\n");

        Assert.Contains("unknown key 'startup_trails' in sampler 'tpe'. Did you mean 'startup_trials'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSampler_SuggestsTheNearest()
    {
        var message = Error(Minimal + "\nsampler: cmaess\n");

        Assert.Contains("unknown sampler 'cmaess'. Did you mean 'cmaes'?", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{type: median, startup_trials: 3}", typeof(MedianPruner))]
    [InlineData("{type: percentile, percentile: 25}", typeof(PercentilePruner))]
    [InlineData("{type: patient, patience: 2}", typeof(PatientPruner))]
    [InlineData("{type: threshold, upper: 1}", typeof(ThresholdPruner))]
    [InlineData("{type: asha, reduction_factor: 3}", typeof(SuccessiveHalvingPruner))]
    [InlineData("{type: hyperband, max_resource: 27}", typeof(HyperbandPruner))]
    [InlineData("wilcoxon", typeof(WilcoxonPruner))]
    public void Parse_EachPruner_BuildsItWithItsOptions(string pruner, Type expected)
    {
        var file = Parse(Minimal + "\npruner: " + pruner + "\n");

        Assert.IsType(expected, file.Pruner);
    }

    [Theory]
    [InlineData("{type: pareto-median, startup_trials: 3, warmup_steps: 2}", typeof(ParetoMedianPruner))]
    [InlineData("{type: pareto-asha, min_resource: 2, reduction_factor: 3}", typeof(ParetoSuccessiveHalvingPruner))]
    [InlineData("none", typeof(NopPruner))]
    public void Parse_ParetoPrunersInATwoObjectiveFile_BuildThemWithTheirOptions(string pruner, Type expected)
    {
        var file = Parse(Minimal.Replace("direction: maximize", "objectives: {accuracy: maximize, seconds: minimize}", StringComparison.Ordinal) + "\npruner: " + pruner + "\n");

        Assert.IsType(expected, file.Pruner);
    }

    [Fact]
    public void Parse_SingleObjectivePrunerInATwoObjectiveFile_IsRefusedAtItsPlaceNamingTheParetoPruners()
    {
        var message = Error(Minimal.Replace("direction: maximize", "directions: [maximize, minimize]", StringComparison.Ordinal) + "\npruner: {type: median}\n");

        Assert.Equal("study.yaml:7:9: pruner 'median': it judges one objective, but the study has 2. Use pareto-median or pareto-asha, which rank the trials' reported vectors by Pareto dominance, or none.", message);
    }

    [Theory]
    [InlineData("gp", typeof(Hone.Samplers.Gp.GpSampler))]
    [InlineData("{type: auto, gp_trials: 50, seed: 3}", typeof(AutoSampler))]
    public void Parse_GpAndAutoSamplers_BuildThem(string sampler, Type expected)
    {
        var file = Parse(Minimal + "\nsampler: " + sampler + "\n");

        Assert.IsType(expected, file.Sampler);
    }

    [Theory]
    [InlineData("{type: nsga2, population_size: 8, crossover: sbx, seed: 1}", typeof(Hone.Samplers.Nsga.NsgaIISampler))]
    [InlineData("{type: nsga3, population_size: 8, divisions: 4}", typeof(Hone.Samplers.Nsga.NsgaIIISampler))]
    [InlineData("{type: tpe, startup_trials: 5, multivariate: true}", typeof(TpeSampler))]
    public void Parse_MultiObjectiveSamplersInATwoObjectiveFile_BuildThem(string sampler, Type expected)
    {
        var file = Parse(Minimal.Replace("direction: maximize", "objectives: {accuracy: maximize, seconds: minimize}", StringComparison.Ordinal) + "\nsampler: " + sampler + "\n");

        Assert.IsType(expected, file.Sampler);
    }

    [Fact]
    public void Parse_NsgaOptionOutOfRange_ReportsTheRuleAtTheSampler()
    {
        var message = Error(Minimal + "\nsampler: {type: nsga2, population_size: 1}\n");

        Assert.StartsWith("study.yaml:7:10: sampler 'nsga2': ", message, StringComparison.Ordinal);
        Assert.Contains("PopulationSize", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPruner_ListsTheKnownOnes()
    {
        var message = Error(Minimal + "\npruner: {type: nothing}\n");

        Assert.Contains("unknown pruner 'nothing'.", message, StringComparison.Ordinal);
        Assert.Contains("Known: none", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamplerOptionOfTheWrongKind_NamesTheExpectedKind()
    {
        var message = Error(Minimal + "\nsampler: {type: cmaes, restart: sometimes}\n");

        Assert.Contains("'restart' of sampler 'cmaes' must be one of none, ipop, bipop, but got 'sometimes'.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamplerRejectsAnOption_ReportsItsMessageAtTheSampler()
    {
        var message = Error(Minimal + "\nsampler: {type: tpe, ei_candidates: 0}\n");

        Assert.StartsWith("study.yaml:7:10: sampler 'tpe': ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PlaceholderNamingNoParameter_IsAnErrorWithTheNearestName()
    {
        var message = Error(Minimal.Replace("\"{C}\"", "\"{c}\"", StringComparison.Ordinal));

        Assert.Contains("study.yaml:6:10: command: placeholder {c} names no parameter. Did you mean 'C'? Parameters: C.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedPlaceholder_IsAnError()
    {
        var message = Error(Minimal.Replace("\"{C}\"", "\"{C\"", StringComparison.Ordinal));

        Assert.Contains("has a '{' without its '}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownParameterKey_SuggestsTheNearest()
    {
        var message = Error(Minimal.Replace("log: true", "logg: true", StringComparison.Ordinal));

        Assert.Contains("unknown key 'logg' in parameter 'C'. Did you mean 'log'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidDistribution_ReportsTheLibraryRule()
    {
        var message = Error(Minimal.Replace("low: 0.01, high: 100", "low: 100, high: 0.01", StringComparison.Ordinal));

        Assert.StartsWith("study.yaml:5:6: parameter 'C': ", message, StringComparison.Ordinal);
        Assert.Contains("100", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConditionOnALaterParameter_IsAnError()
    {
        var message = Error(Minimal.Replace(
            "  C: {type: float, low: 0.01, high: 100, log: true}",
            "  C: {type: float, low: 0.01, high: 100, when: {parameter: kernel, in: [rbf]}}\n  kernel: [rbf]",
            StringComparison.Ordinal));

        Assert.Contains("depends on 'kernel', which is not declared before it", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoDirection_SaysHowToGiveOne()
    {
        var message = Error(Minimal.Replace("direction: maximize\n", string.Empty, StringComparison.Ordinal));

        Assert.Contains("needs 'direction: minimize' or 'direction: maximize'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoBudget_AsksForTrialsOrTimeout()
    {
        var message = Error(Minimal.Replace("trials: 10\n", string.Empty, StringComparison.Ordinal));

        Assert.Contains("needs 'trials'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDuration_ShowsTheAcceptedForms()
    {
        var message = Error(Minimal + "\ntrial_timeout: soon\n");

        Assert.Contains("'trial_timeout' must be a positive duration such as 30 (seconds), 500ms", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreSlotsPerTrialThanThePoolHas_IsAnError()
    {
        var message = Error(Minimal + "\nresources: {slots: 2, per_trial: 3}\n");

        Assert.Contains("resources.per_trial is 3, but there are only 2 slot(s)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GridSampler_EnumeratesTheDeclaredSpace()
    {
        var file = Parse("""
            name: g
            direction: minimize
            trials: 10
            sampler: grid
            parameters:
              n: {type: int, low: 1, high: 3}
            command: [echo, "{n}"]
            """);

        Assert.IsType<GridSampler>(file.Sampler);
    }

    [Theory]
    [InlineData("sqlite:///hone.db", "sqlite:////base/hone.db")]
    [InlineData("sqlite:////abs/hone.db", "sqlite:////abs/hone.db")]
    [InlineData("runs/hone.db?mode=ro", "/base/runs/hone.db?mode=ro")]
    [InlineData("memory", "memory")]
    public void ResolveStorage_RelativePaths_AreRelativeToTheStudyFile(string url, string expected) =>
        Assert.Equal(expected, StudyFileParser.ResolveStorage(url, "/base"));

    [Fact]
    public void Load_MissingFile_IsAnError()
    {
        var message = Assert.Throws<CliException>(() => StudyFileParser.Load("/nonexistent/study.yaml")).Message;

        Assert.Contains("does not exist", message, StringComparison.Ordinal);
    }
}

using Hone.Bench;

// Benchmarks of the Hone core, its samplers and its pruners; each subcommand prints its results as JSON lines. See bench/README.md.
try
{
    var arguments = BenchArguments.Parse(args);
    return arguments.Command switch
    {
        "throughput" => ThroughputBenchmark.Run(arguments),
        "memory" => MemoryBenchmark.Run(arguments),
        "profile" => ProfileBenchmark.Run(arguments),
        "functions" => FunctionsCommand.Run(arguments),
        "suite" => SuiteBenchmark.Run(arguments),
        "overhead" => OverheadBenchmark.Run(arguments),
        "mo-problems" => MoProblemsCommand.Run(arguments),
        "mo-suite" => MoSuiteBenchmark.Run(arguments),
        "mo-overhead" => OverheadBenchmark.Run(arguments, objectives: 2),
        "samplers" => SamplerRegistry.List(arguments),
        "pruning" => PruningBenchmark.Run(arguments),
        "hypervolume" => HypervolumeBenchmark.Run(arguments),
        "mlp" => await MlpBenchmark.RunAsync(arguments),
        "budgets" => await BudgetBenchmark.RunAsync(arguments),
        "mo-pruning" => MoPruningBenchmark.Run(arguments),
        _ => throw new BenchUsageException($"Unknown subcommand '{arguments.Command}'. Use throughput, memory, profile, functions, samplers, suite, overhead, pruning, hypervolume, mo-problems, mo-suite, mo-overhead, mo-pruning, mlp or budgets."),
    };
}
catch (BenchUsageException e)
{
    await Console.Error.WriteLineAsync("hone-bench: " + e.Message);
    return 2;
}

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
        "samplers" => SamplerRegistry.List(arguments),
        "pruning" => PruningBenchmark.Run(arguments),
        "mo-pruning" => MoPruningBenchmark.Run(arguments),
        _ => throw new BenchUsageException($"Unknown subcommand '{arguments.Command}'. Use throughput, memory, profile, functions, samplers, suite, overhead, pruning or mo-pruning."),
    };
}
catch (BenchUsageException e)
{
    await Console.Error.WriteLineAsync("hone-bench: " + e.Message);
    return 2;
}

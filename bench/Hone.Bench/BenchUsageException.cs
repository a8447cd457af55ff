namespace Hone.Bench;

/// <summary>A command line the benchmark cannot run; the message says which rule it breaks and how to fix it.</summary>
internal sealed class BenchUsageException(string message) : Exception(message);

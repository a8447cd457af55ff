namespace Hone.Cli.Running;

/// <summary>What a trial's process used.</summary>
/// <param name="UserCpu">CPU time in user mode, its waited-for children included, or <see langword="null"/> when unknown.</param>
/// <param name="SystemCpu">CPU time in the kernel, its waited-for children included, or <see langword="null"/> when unknown.</param>
/// <param name="PeakMemoryBytes">The largest resident memory of its process tree seen by sampling every 100 ms, or
/// <see langword="null"/> when it ended before the first sample.</param>
internal sealed record ResourceUsage(TimeSpan? UserCpu, TimeSpan? SystemCpu, long? PeakMemoryBytes);

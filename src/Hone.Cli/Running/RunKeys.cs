namespace Hone.Cli.Running;

/// <summary>The trial system attributes <c>hone run</c> writes (all prefixed <c>run:</c>).</summary>
internal static class RunKeys
{
    /// <summary>Set on a trial ended because <c>hone</c> was stopped: its parameters are queued for the next run.</summary>
    public const string Interrupted = "run:interrupted";

    /// <summary>The trial's folder of logs.</summary>
    public const string LogDirectory = "run:log_dir";

    /// <summary>The command line that ran, as one shell line.</summary>
    public const string Command = "run:command";

    /// <summary>The slots the trial held.</summary>
    public const string Slots = "run:slots";

    /// <summary>The process's exit code.</summary>
    public const string ExitCode = "run:exit_code";

    /// <summary>The process's run time, from start to exit, in seconds.</summary>
    public const string ProcessSeconds = "run:process_seconds";

    /// <summary>The peak resident memory of the process tree in bytes, sampled every 100 ms (absent for shorter trials).</summary>
    public const string PeakMemoryBytes = "run:peak_memory_bytes";

    /// <summary>The process's user CPU time in seconds.</summary>
    public const string UserCpuSeconds = "run:user_cpu_seconds";

    /// <summary>The process's system CPU time in seconds.</summary>
    public const string SystemCpuSeconds = "run:system_cpu_seconds";
}

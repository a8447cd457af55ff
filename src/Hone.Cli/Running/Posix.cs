using System.Runtime.InteropServices;

namespace Hone.Cli.Running;

/// <summary>The few POSIX calls .NET does not offer: sending SIGTERM to a process group, and a child's resource usage.</summary>
internal static unsafe partial class Posix
{
    /// <summary>SIGTERM: asks a process to end.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGKILL: ends a process at once.</summary>
    public const int SigKill = 9;

    private const int PPid = 1;
    private const int WExited = 4;
    private const int WNoWait = 0x01000000;
    private const int EIntr = 4;

    /// <summary>Whether signals can be sent (Linux and macOS).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Sends a signal to a process, or to a process group when <paramref name="group"/> is set.</summary>
    /// <param name="id">The process id, or the group id.</param>
    /// <param name="signal">The signal; 0 only checks that the target exists.</param>
    /// <param name="group">Whether <paramref name="id"/> names a process group.</param>
    /// <returns>Whether the target existed and the signal was sent.</returns>
    public static bool Signal(int id, int signal, bool group = false) => IsSupported && id > 0 && Kill(group ? -id : id, signal) == 0;

    /// <summary>
    /// Blocks until a child process exits and returns its CPU times, leaving it to be reaped by .NET as usual.
    /// </summary>
    /// <param name="pid">The child's process id.</param>
    /// <returns>User and system CPU time, or <see langword="null"/> when the kernel cannot tell (not Linux, or .NET reaped the child first).</returns>
    /// <remarks>
    /// Linux's waitid system call fills a <c>struct rusage</c> for a child it waits for without reaping (WNOWAIT), which
    /// is the only way to read one child's usage when .NET does the reaping. Its peak memory is not used: see
    /// <see cref="MemorySampler"/>.
    /// </remarks>
    public static (TimeSpan User, TimeSpan System)? WaitForExit(int pid)
    {
        long number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 when OperatingSystem.IsLinux() => 247,
            Architecture.Arm64 when OperatingSystem.IsLinux() => 95,
            _ => -1,
        };
        if (number < 0)
        {
            return null;
        }

        var info = stackalloc byte[128];
        var usage = stackalloc long[18];
        while (true)
        {
            if (Syscall(number, PPid, pid, (nint)info, WExited | WNoWait, (nint)usage) == 0)
            {
                // struct rusage starts with two timevals (seconds, microseconds): user, then system time.
                return (TimeSpan.FromSeconds(usage[0]) + TimeSpan.FromMicroseconds(usage[1]),
                    TimeSpan.FromSeconds(usage[2]) + TimeSpan.FromMicroseconds(usage[3]));
            }

            if (Marshal.GetLastPInvokeError() != EIntr)
            {
                return null;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b, nint c, long d, nint e);
}

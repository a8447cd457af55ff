using System.Globalization;

namespace Hone.Bench;

/// <summary>
/// The processor time a database server on this machine has used so far, read from Linux's <c>/proc</c>: its main
/// process with the children it has reaped (PostgreSQL's ended backends), plus its live children (the open backends).
/// </summary>
/// <remarks>The difference of two readings is the server's share of a run, which the client's own processor time
/// leaves out: with both, a run shows how many cores it kept busy.</remarks>
internal static class ServerCpu
{
    // USER_HZ, the unit of /proc's times: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The server's processor seconds so far, or null where <c>/proc</c> cannot tell (no such process, not Linux).</summary>
    public static double? Seconds(int serverPid)
    {
        if (Fields(serverPid) is not { } server)
        {
            return null;
        }

        // After the command name: state, ppid, ... utime, stime, cutime, cstime are fields 14 to 17, here 11 to 14.
        var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(server[i], CultureInfo.InvariantCulture));
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != serverPid
                && Fields(pid) is { } child
                && child[1] == serverPid.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(child[11], CultureInfo.InvariantCulture) + long.Parse(child[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name (which may hold spaces), or null when the
    /// process is gone.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;

namespace Hone.Cli.Running;

/// <summary>
/// Samples the resident memory of a trial's process tree from <c>/proc</c>: the main process's high-water mark plus the
/// current resident memory of its descendants, keeping the largest sum seen.
/// </summary>
/// <remarks>
/// The kernel's own peak (<c>ru_maxrss</c>) cannot be used: a child forked from the .NET runtime starts with the
/// runtime's resident size as its high-water mark, so every trial would seem to use at least as much as Hone itself.
/// </remarks>
/// <param name="pid">The trial's main process.</param>
internal sealed class MemorySampler(int pid)
{
    /// <summary>The largest sample so far in bytes, or <see langword="null"/> before the first (or without <c>/proc</c>).</summary>
    public long? Peak { get; private set; }

    /// <summary>Takes one sample; does nothing once the process is gone.</summary>
    public void Sample()
    {
        if (!OperatingSystem.IsLinux() || ReadKilobytes(pid, "VmHWM:") is not { } main)
        {
            return;
        }

        var total = main;
        foreach (var child in Descendants(pid))
        {
            total += ReadKilobytes(child, "VmRSS:") ?? 0;
        }

        Peak = Math.Max(Peak ?? 0, total * 1024);
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var pending = new Stack<int>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{current.ToString(CultureInfo.InvariantCulture)}/task");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var task in tasks)
            {
                string children;
                try
                {
                    children = File.ReadAllText(Path.Combine(task, "children"));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var word in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                    {
                        yield return child;
                        pending.Push(child);
                    }
                }
            }
        }
    }

    private static long? ReadKilobytes(int process, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone between listing and reading.
        }

        return null;
    }
}

using System.Diagnostics;
using System.Runtime;

namespace Hone.Bench;

/// <summary>
/// Repeats a warm-up step until tiered compilation has settled: the JIT promotes a method some time after its first
/// calls, and a method that runs once every few trials takes seconds of trials to reach optimized code, so a fixed,
/// short warm-up leaves the timed loop paying for compilation (more of it the fewer trials each process times).
/// </summary>
internal static class JitWarmup
{
    /// <summary>How long the JIT must have compiled nothing for the warm-up to end.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(0.5);

    /// <summary>Runs <paramref name="step"/> (given its 1-based index) at least once and for at least
    /// <paramref name="minSeconds"/>, then until the JIT has compiled nothing for half a second or
    /// <paramref name="maxSeconds"/> have passed.</summary>
    /// <returns>The steps run and the seconds they took.</returns>
    public static (int Steps, double Seconds) Run(Action<int> step, double minSeconds, double maxSeconds)
    {
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quietSince = TimeSpan.Zero;
        var steps = 0;
        while (steps == 0 || clock.Elapsed.TotalSeconds < minSeconds
            || (clock.Elapsed - quietSince < Quiet && clock.Elapsed.TotalSeconds < maxSeconds))
        {
            step(++steps);
            if (JitInfo.GetCompiledMethodCount() is var now && now != compiled)
            {
                (compiled, quietSince) = (now, clock.Elapsed);
            }
        }

        return (steps, clock.Elapsed.TotalSeconds);
    }
}

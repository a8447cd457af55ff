using System.Diagnostics;
using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// One in-memory study of many trials: managed memory per trial, the process working set, and the time per trial of
/// each block of trials, to show that a trial costs the same at the end of a long study as at its start. With
/// <c>--sampler</c>, the heap delta against a random study of the same length is what the sampler itself keeps.
/// </summary>
internal static class MemoryBenchmark
{
    public static int Run(BenchArguments args)
    {
        var trials = args.Int("trials", 100_000);
        var block = args.Int("block", 10_000);
        var mode = args.Choice("mode", TrialLoop.Optimize, TrialLoop.Optimize, TrialLoop.AskTell);
        var warmup = args.Int("warmup", 50_000, min: 0);
        var sampler = args.Choice("sampler", "random", [.. SamplerRegistry.Names]);
        args.RejectUnknown();
        if (trials % block != 0)
        {
            throw new BenchUsageException($"--trials ({trials}) must be a multiple of --block ({block}), so that every block times the same number of trials.");
        }

        if (warmup > 0)
        {
            TrialLoop.Run(Study.Create(new StudyOptions { Storage = new InMemoryStorage(), Sampler = new RandomSampler() }), warmup, mode);
        }

        var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;

        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { Storage = storage, Sampler = SamplerRegistry.Create(sampler, 1) });
        var microsecondsPerTrial = new List<double>();
        var gen2Before = GC.CollectionCount(2);
        for (var done = 0; done < trials; done += block)
        {
            var clock = Stopwatch.StartNew();
            TrialLoop.Run(study, block, mode);
            microsecondsPerTrial.Add(clock.Elapsed.TotalMicroseconds / block);
        }

        var gen2Collections = GC.CollectionCount(2) - gen2Before;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSet = process.WorkingSet64;
        var complete = study.GetTrials(TrialState.Complete).Count;
        GC.KeepAlive(study);

        JsonLine.Write(new
        {
            Bench = "memory",
            Peer = "hone",
            Sampler = sampler,
            Mode = mode,
            Trials = trials,
            CompleteTrials = complete,
            HeapDeltaBytes = heapAfter - heapBefore,
            BytesPerTrial = (double)(heapAfter - heapBefore) / trials,
            WorkingSetBeforeBytes = workingSetBefore,
            WorkingSetBytes = workingSet,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            Block = block,
            BlockMicrosecondsPerTrial = microsecondsPerTrial,
            FirstBlockUs = microsecondsPerTrial[0],
            LastBlockUs = microsecondsPerTrial[^1],
            LastOverFirst = microsecondsPerTrial[^1] / microsecondsPerTrial[0],
            Gen2Collections = gen2Collections,
        });
        return 0;
    }
}

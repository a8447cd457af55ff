// A worker process for the multi-process storage tests: optimizes one study on a SQLite file or a PostgreSQL database,
// as one of several processes sharing it would.
//
// Usage: Hone.TestWorker <path.db or storage URL> <study> <trials> [sleep-ms] [seed] [hang-after]
//   sleep-ms    time each trial's objective takes (default 0)
//   seed        the random sampler's seed (default: none)
//   hang-after  after this many trials of this process completed, the next trial prints "hanging <number>" and never
//               ends, so that a test can kill the process while that trial is surely running
// Environment: HONE_TESTWORKER_SAMPLER=cmaes samples with CmaEsSampler (population 4) instead of RandomSampler;
// HONE_TESTWORKER_GATE=<file> prints "ready" once the study is open, then waits for that file to exist before the first
// trial, so that a test can release several workers at once. HONE_TESTWORKER_HEARTBEAT=<interval-ms>,<grace-ms> turns on
// heartbeats and retries of stale trials, and reports each trial's x at step 0 once suggested, which stores its
// parameters at once; HONE_TESTWORKER_TOTAL=<n> sets the study-wide budget (OptimizeOptions.TotalTrials);
// HONE_TESTWORKER_FAST=1 opens a SQLite file without waiting for the disk at each commit.
// Prints "<state> <number>" (such as "complete 7") after each trial it finished. Exit code 0 on success, 2 on bad arguments; any error
// (such as "database is locked") is printed to stderr with a non-zero exit code.
using System.Globalization;
using Hone.Samplers;
using Hone.Samplers.CmaEs;
using Hone.Storages;
using Hone.Studies;

if (args.Length is < 3 or > 6)
{
    await Console.Error.WriteLineAsync("usage: Hone.TestWorker <path.db or storage URL> <study> <trials> [sleep-ms] [seed] [hang-after]");
    return 2;
}

var path = args[0];
var name = args[1];
var trials = int.Parse(args[2], CultureInfo.InvariantCulture);
var sleep = args.Length > 3 ? TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture)) : TimeSpan.Zero;
int? seed = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null;
var hangAfter = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : int.MaxValue;

var fast = Environment.GetEnvironmentVariable("HONE_TESTWORKER_FAST") == "1";
using var storage = path.Contains("://", StringComparison.Ordinal) ? Storage.Open(path) : new SqliteStorage(path, new SqliteStorageOptions { Durable = !fast });
ISampler sampler = Environment.GetEnvironmentVariable("HONE_TESTWORKER_SAMPLER") == "cmaes"
    ? new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, PopulationSize = 4 })
    : new RandomSampler(seed);
HeartbeatOptions? heartbeat = null;
if (Environment.GetEnvironmentVariable("HONE_TESTWORKER_HEARTBEAT") is { Length: > 0 } beats)
{
    var parts = beats.Split(',');
    heartbeat = new HeartbeatOptions
    {
        Interval = TimeSpan.FromMilliseconds(int.Parse(parts[0], CultureInfo.InvariantCulture)),
        GracePeriod = TimeSpan.FromMilliseconds(int.Parse(parts[1], CultureInfo.InvariantCulture)),
    };
}

int? total = Environment.GetEnvironmentVariable("HONE_TESTWORKER_TOTAL") is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;
var study = Study.Create(new StudyOptions
{
    Name = name,
    Storage = storage,
    Sampler = sampler,
    LoadIfExists = true,
    Heartbeat = heartbeat,
    Retry = heartbeat is null ? null : new RetryPolicy(),
});
if (Environment.GetEnvironmentVariable("HONE_TESTWORKER_GATE") is { Length: > 0 } gate)
{
    Console.WriteLine("ready");
    var waited = System.Diagnostics.Stopwatch.StartNew();
    while (!File.Exists(gate))
    {
        if (waited.Elapsed > TimeSpan.FromMinutes(2))
        {
            await Console.Error.WriteLineAsync($"the gate file {gate} did not appear within 2 minutes");
            return 3;
        }

        Thread.Sleep(5);
    }
}

var completed = 0;
study.Optimize(
    trial =>
    {
        var x = trial.SuggestFloat("x", -10, 10);
        var n = trial.SuggestInt("n", 1, 100, log: true);
        var kind = trial.SuggestCategorical("kind", ["a", "b", "c"]);
        trial.SetUserAttr("pid", Environment.ProcessId);
        if (heartbeat is not null)
        {
            trial.Report(x, 0);
        }

        if (Volatile.Read(ref completed) >= hangAfter)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hanging {trial.Number}"));
            Thread.Sleep(Timeout.Infinite);
        }

        if (sleep > TimeSpan.Zero)
        {
            Thread.Sleep(sleep);
        }

        return (x * x) + n + (kind == "a" ? 0 : 1);
    },
    new OptimizeOptions
    {
        Trials = trials,
        TotalTrials = total,
        ShowProgress = false,
        Callbacks =
        {
            (_, trial) =>
            {
                Interlocked.Increment(ref completed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trial.State.ToString().ToLowerInvariant()} {trial.Number}"));
            },
        },
    });
return 0;

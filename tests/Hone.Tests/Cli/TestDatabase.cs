using Hone.Samplers;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Cli;

/// <summary>A SQLite file in a fresh temporary folder, optionally filled with studies of fixed data, deleted afterwards.</summary>
internal sealed class TestDatabase : IDisposable
{
    /// <summary>When every study of <see cref="WithStudies"/> was created.</summary>
    public static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private TestDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hone-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "studies.db");
    }

    /// <summary>The temporary folder.</summary>
    public string Folder { get; }

    /// <summary>The database file (it may not exist).</summary>
    public string Path { get; }

    /// <summary>The <c>--storage</c> URL of the file.</summary>
    public string Url => "sqlite:///" + Path;

    /// <summary>A folder with no database in it.</summary>
    public static TestDatabase Missing() => new();

    /// <summary>A database with three studies of fixed data.</summary>
    /// <remarks>
    /// <para><c>quadratic</c> (minimize), params x, n, opt: 0 Complete 0.25 in 1.5 s (note=first); 1 Pruned in 0.5 s;
    /// 2 Failed in 2 s without n; 3 Complete 0.015625 in 60 s (note with a tab); 4 Running; 5 Waiting.</para>
    /// <para><c>pareto</c> (minimize, maximize), param x: 0 [1, 2]; 1 [2, 1], dominated by 0; 2 [0.5, 0.5].</para>
    /// <para><c>empty</c> (maximize): no trials.</para>
    /// </remarks>
    public static TestDatabase WithStudies()
    {
        var database = new TestDatabase();
        var clock = new ManualTimeProvider(Created);
        using var storage = new SqliteStorage(database.Path);
        var quadratic = CreateStudy(storage, clock, "quadratic", StudyDirection.Minimize);
        var pareto = CreateStudy(storage, clock, "pareto", StudyDirection.Minimize, StudyDirection.Maximize);
        CreateStudy(storage, clock, "empty", StudyDirection.Maximize);

        var first = Quadratic(quadratic, 1.5, 3, "adam");
        first.SetUserAttr("note", "first");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        quadratic.Tell(first, 0.25);

        var pruned = Quadratic(quadratic, -2.25, 7, "sgd");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        quadratic.Tell(pruned, TrialState.Pruned);

        quadratic.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.1, ["opt"] = "sgd" });
        var failed = quadratic.Ask();
        failed.SuggestFloat("x", -5, 5);
        failed.SuggestCategorical("opt", ["adam", "sgd"]);
        clock.Advance(TimeSpan.FromSeconds(2));
        quadratic.Tell(failed, TrialState.Failed, "diverged");

        var best = Quadratic(quadratic, 0.125, 2, "adam");
        best.SetUserAttr("note", "tab\there");
        clock.Advance(TimeSpan.FromSeconds(60));
        quadratic.Tell(best, 0.015625);

        // Report flushes the running trial's parameters to the storage, as a live objective would.
        Quadratic(quadratic, 3, 1, "sgd").Report(0.5, 0);
        quadratic.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 4.0 });

        foreach (var (x, values) in new[] { (1.0, new[] { 1.0, 2.0 }), (2.0, [2.0, 1.0]), (0.5, [0.5, 0.5]) })
        {
            pareto.EnqueueTrial(new Dictionary<string, object?> { ["x"] = x });
            var trial = pareto.Ask();
            trial.SuggestFloat("x", 0, 10);
            clock.Advance(TimeSpan.FromSeconds(1));
            pareto.Tell(trial, values);
        }

        return database;
    }

    /// <summary>Creates a study in the file and returns the open storage's study; dispose the storage when done.</summary>
    public static Study CreateStudy(IStorage storage, TimeProvider clock, string name, params StudyDirection[] directions) =>
        Study.Create(new StudyOptions
        {
            Name = name,
            Storage = storage,
            Directions = directions,
            Sampler = new RandomSampler(seed: 1),
            TimeProvider = clock,
        });

    /// <summary>The names of the files in the folder, sorted.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.GetFiles(Folder).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not make a test wrong.
        }
    }

    private static Trial Quadratic(Study study, double x, int n, string opt)
    {
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = x, ["n"] = n, ["opt"] = opt });
        var trial = study.Ask();
        trial.SuggestFloat("x", -5, 5);
        trial.SuggestInt("n", 1, 10);
        trial.SuggestCategorical("opt", ["adam", "sgd"]);
        return trial;
    }
}

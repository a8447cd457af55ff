using Hone.Storages;
using Hone.Trials;

namespace Hone.Tests.Cli.Running;

/// <summary>A temporary folder holding a study file and, once run, its SQLite storage and trial logs.</summary>
internal sealed class StudyFolder : IDisposable
{
    public StudyFolder(string yaml, string fileName = "study.yaml")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hone-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        StudyFile = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(StudyFile, yaml);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The study file.</summary>
    public string StudyFile { get; }

    /// <summary>The storage the study files of the tests name.</summary>
    public string Database => System.IO.Path.Combine(Path, "hone.db");

    /// <summary>A study file of a shell command with one float parameter x, run by /bin/sh.</summary>
    /// <param name="command">The shell command; {x} is the parameter.</param>
    /// <param name="extra">More top-level keys, as YAML lines.</param>
    public static StudyFolder Shell(string command, string extra = "trials: 3") => new(
        $"""
        name: s
        storage: sqlite:///hone.db
        direction: minimize
        sampler: {"{"}type: random, seed: 1{"}"}
        parameters:
          x: {"{"}type: float, low: 0, high: 1{"}"}
        command: [/bin/sh, -c, '{command.Replace("'", "''", StringComparison.Ordinal)}', '{"{x}"}']
        grace_period: 1s
        {extra}
        """);

    /// <summary>Runs <c>hone run</c> on the study file.</summary>
    public CliRun Run(params string[] options) => CliRun.Run(["run", StudyFile, .. options]);

    /// <summary>Runs <c>hone run</c> with a Ctrl-C token.</summary>
    public CliRun Run(CancellationToken interrupt, params string[] options) => CliRun.Run(["run", StudyFile, .. options], interrupt: interrupt);

    /// <summary>Reads the study's trials back.</summary>
    public IReadOnlyList<FrozenTrial> Trials(string name = "s")
    {
        using var storage = new SqliteStorage(Database);
        return storage.GetAllTrials(storage.GetStudy(name).Id);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not make a test wrong.
        }
    }
}

namespace Hone.Cli.Running;

/// <summary>Everything needed to run one trial's process.</summary>
/// <param name="Arguments">The program (resolved to a path) and its arguments.</param>
/// <param name="WorkingDirectory">The working directory.</param>
/// <param name="Environment">The complete environment of the process.</param>
/// <param name="LogDirectory">The trial's own folder for its logs, parameter file and report file.</param>
/// <param name="Objectives">The study's objectives, to read the result line.</param>
/// <param name="Constraints">The study's limits on other metrics, to read their values when the trial ends.</param>
/// <param name="Timeout">How long it may run, or <see langword="null"/>.</param>
/// <param name="GracePeriod">How long it has after SIGTERM before its process tree is killed.</param>
internal sealed record TrialLaunch(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string LogDirectory,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<MetricConstraint> Constraints,
    TimeSpan? Timeout,
    TimeSpan GracePeriod)
{
    /// <summary>The file that receives standard output.</summary>
    public string StdoutPath => Path.Combine(LogDirectory, "stdout.log");

    /// <summary>The file that receives standard error.</summary>
    public string StderrPath => Path.Combine(LogDirectory, "stderr.log");

    /// <summary>The file the trial may write protocol lines to (<c>HONE_REPORT_FILE</c>).</summary>
    public string ReportPath => Path.Combine(LogDirectory, "report.txt");

    /// <summary>The file that holds the parameters as JSON (<c>HONE_PARAMS_FILE</c>).</summary>
    public string ParamsPath => Path.Combine(LogDirectory, "params.json");
}

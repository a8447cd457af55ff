using Hone.Studies;

namespace Hone.Cli.Running;

/// <summary>One objective of a study file: the metric a trial reports and whether to minimize or maximize it.</summary>
/// <param name="Name">The metric's name in <c>hone: result NAME=VALUE</c>, or <see langword="null"/> for an unnamed objective whose value is given by position.</param>
/// <param name="Direction">Its direction.</param>
internal sealed record Objective(string? Name, StudyDirection Direction);

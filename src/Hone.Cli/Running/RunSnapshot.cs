using Hone.Trials;

namespace Hone.Cli.Running;

/// <summary>The counters of a run at one moment.</summary>
/// <param name="Done">Trials this run finished (complete, pruned or failed), repeated ones left out.</param>
/// <param name="Running">Trials running now.</param>
/// <param name="Complete">Complete trials of this run.</param>
/// <param name="Pruned">Pruned trials of this run.</param>
/// <param name="Failed">Failed trials of this run.</param>
/// <param name="Best">The best complete trial so far, earlier runs included (single objective), or <see langword="null"/>.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Eta">The estimated time left, or <see langword="null"/> until a trial has finished.</param>
internal sealed record RunSnapshot(int Done, int Running, int Complete, int Pruned, int Failed, FrozenTrial? Best, TimeSpan Elapsed, TimeSpan? Eta);

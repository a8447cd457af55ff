using Hone.Storages;
using Hone.Trials;

namespace Hone.Studies;

/// <summary>
/// Reads a study's finished trials a batch at a time, each once (<see cref="IStorage.GetFinishedTrials"/>), for the
/// samplers and pruners that keep what they learn from finished trials incrementally.
/// </summary>
/// <remarks>Not thread-safe: its owner serializes the calls.</remarks>
internal sealed class FinishedTrialCursor
{
    private (IStorage Storage, long Id)? _source;
    private int _read;

    /// <summary>The trials of <paramref name="study"/> that finished since the previous call.</summary>
    /// <param name="study">The study.</param>
    /// <param name="restarted">Set when the study is not the one of the previous call: then every finished trial is
    /// returned, and the owner drops what it learnt from the other study.</param>
    /// <returns>The trials, in the order the storage saw them finish.</returns>
    public IReadOnlyList<FrozenTrial> ReadNew(Study study, out bool restarted)
    {
        restarted = _source != (study.Storage, study.Id);
        if (restarted)
        {
            _source = (study.Storage, study.Id);
            _read = 0;
        }

        var finished = study.Storage.GetFinishedTrials(study.Id, _read);
        _read += finished.Count;
        return finished;
    }
}

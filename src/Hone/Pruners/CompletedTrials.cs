using Hone.Studies;
using Hone.Trials;

namespace Hone.Pruners;

/// <summary>
/// What a pruner keeps of a study's complete trials, kept up to date incrementally: a complete trial never changes, so
/// each is read once, and each refresh reads only the trials finished since the previous one
/// (<see cref="Storages.IStorage.GetFinishedTrials"/>).
/// </summary>
/// <remarks>Thread-safe: derived classes read and change their state under <see cref="Gate"/>.</remarks>
internal abstract class CompletedTrials
{
    private readonly FinishedTrialCursor _cursor = new();
    private int _completeRead;

    /// <summary>The lock around the derived class's state.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>How many complete trials have been read.</summary>
    public int Count
    {
        get
        {
            lock (Gate)
            {
                return _completeRead;
            }
        }
    }

    /// <summary>Reads the trials that completed since the last call.</summary>
    /// <param name="study">The study.</param>
    public void Refresh(Study study)
    {
        lock (Gate)
        {
            var finished = _cursor.ReadNew(study, out var restarted);
            if (restarted)
            {
                Clear();
                _completeRead = 0;
            }

            foreach (var trial in finished)
            {
                if (trial.State == TrialState.Complete)
                {
                    _completeRead++;
                    Add(trial, study);
                }
            }
        }
    }

    /// <summary>Forgets every trial read, when the study is not the one read before; called under <see cref="Gate"/>.</summary>
    protected abstract void Clear();

    /// <summary>Takes in a complete trial of <paramref name="study"/>; called under <see cref="Gate"/>.</summary>
    protected abstract void Add(FrozenTrial trial, Study study);
}

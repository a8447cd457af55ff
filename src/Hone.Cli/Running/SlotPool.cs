namespace Hone.Cli.Running;

/// <summary>Hands out slots to trials: each trial takes <see cref="SlotSettings.PerTrial"/> distinct slots, and no slot is
/// held by more than <see cref="SlotSettings.Share"/> trials at once. Waiting trials take slots as they are freed.</summary>
/// <param name="settings">The pool.</param>
internal sealed class SlotPool(SlotSettings settings)
{
    private readonly int[] _holders = new int[settings.Slots.Count];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _released = new(0);

    /// <summary>The pool's settings.</summary>
    public SlotSettings Settings { get; } = settings;

    /// <summary>Takes slots for one trial, waiting until enough are free.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The slot indexes taken; give them back with <see cref="Release"/>.</returns>
    public async Task<int[]> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                // The least used slots first, so that trials spread over the pool before they share.
                var free = Enumerable.Range(0, _holders.Length).Where(i => _holders[i] < Settings.Share).OrderBy(i => _holders[i]).ThenBy(i => i).Take(Settings.PerTrial).ToArray();
                if (free.Length == Settings.PerTrial)
                {
                    foreach (var i in free)
                    {
                        _holders[i]++;
                    }

                    return [.. free.Order()];
                }
            }

            await _released.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Gives slots back.</summary>
    /// <param name="slots">The indexes from <see cref="AcquireAsync"/>.</param>
    public void Release(int[] slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        lock (_gate)
        {
            foreach (var i in slots)
            {
                _holders[i]--;
            }
        }

        _released.Release();
    }

    /// <summary>The names of slots, comma-separated, as the trial's environment gets them.</summary>
    /// <param name="slots">Slot indexes.</param>
    /// <returns>The names.</returns>
    public string Names(int[] slots) => string.Join(',', slots.Select(i => Settings.Slots[i]));
}

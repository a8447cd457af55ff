using Hone.Cli.Running;

namespace Hone.Tests.Cli.Running;

public sealed class SlotPoolTests
{
    [Fact]
    public async Task AcquireAsync_SpreadsTrialsBeforeSharing()
    {
        var pool = new SlotPool(new SlotSettings(["0", "1"], PerTrial: 1, Share: 2, Variable: null));

        var first = await pool.AcquireAsync(CancellationToken.None);
        var second = await pool.AcquireAsync(CancellationToken.None);
        var third = await pool.AcquireAsync(CancellationToken.None);

        Assert.Equal(["0", "1"], new[] { pool.Names(first), pool.Names(second) }.Order());
        Assert.Single(third);
    }

    [Fact]
    public async Task AcquireAsync_FullPool_WaitsForARelease()
    {
        var pool = new SlotPool(new SlotSettings(["a", "b", "c"], PerTrial: 2, Share: 1, Variable: null));
        var held = await pool.AcquireAsync(CancellationToken.None);

        var waiting = pool.AcquireAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        pool.Release(held);
        var next = await waiting;

        Assert.Equal(2, next.Distinct().Count());
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_Throws()
    {
        var pool = new SlotPool(new SlotSettings(["a"], PerTrial: 1, Share: 1, Variable: null));
        await pool.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = pool.AcquireAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}

using Hone.Samplers;
using Hone.Studies;
using Hone.Tests.TestSupport;
using Hone.Trials;

namespace Hone.Tests.Studies;

public class StudyOptimizeTests
{
    [Fact]
    public void Optimize_TrialCount_RunsExactlyThatManyTrials()
    {
        var study = NewStudy();

        study.Optimize(t => t.SuggestFloat("x", 0, 1), Options(trials: 7));
        study.Optimize(t => t.SuggestFloat("x", 0, 1), Options(trials: 3));

        Assert.Equal(10, study.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 10), study.Trials.Select(t => t.Number));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_Timeout_Stops()
    {
        var study = NewStudy();

        study.Optimize(
            t =>
            {
                Thread.Sleep(1);
                return t.SuggestFloat("x", 0, 1);
            },
            new OptimizeOptions { Timeout = TimeSpan.FromMilliseconds(50), ShowProgress = false });

        Assert.NotEmpty(study.Trials);
        Assert.Empty(study.GetTrials(TrialState.Running));
    }

    [Fact]
    public void Optimize_Parallelism4_RunsExactCountWithUniqueNumbers()
    {
        var study = NewStudy();

        study.Optimize(t => t.SuggestFloat("x", 0, 1), Options(trials: 50, parallelism: 4));

        var trials = study.Trials;
        Assert.Equal(50, trials.Count);
        Assert.Equal(Enumerable.Range(0, 50), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_Callbacks_CalledOncePerTrialWithTheStoredTrial()
    {
        var study = NewStudy();
        var seen = new List<FrozenTrial>();
        var options = Options(trials: 5);
        options.Callbacks.Add((s, trial) =>
        {
            Assert.Same(study, s);
            lock (seen)
            {
                seen.Add(trial);
            }
        });

        study.Optimize(t => t.SuggestFloat("x", 0, 1), options);

        Assert.Equal(study.Trials, seen.OrderBy(t => t.Number));
        Assert.All(seen, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Optimize_NonFiniteValue_FailsTheTrialWithAReasonAndGoesOn(double bad)
    {
        var study = NewStudy();

        study.Optimize(t => t.Number == 1 ? bad : 1.0, Options(trials: 3));

        var failed = study.Trials[1];
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Null(failed.Values);
        var reason = Assert.IsType<string>(failed.SystemAttrs["fail_reason"]);
        Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
        Assert.Contains("finite", reason, StringComparison.Ordinal);
        Assert.Equal(TrialState.Complete, study.Trials[2].State);
    }

    [Fact]
    public void Optimize_CaughtExceptionType_FailsTheTrialKeepingTheMessageAndGoesOn()
    {
        var study = NewStudy();
        var options = Options(trials: 4);
        options.Catch.Add(typeof(ArgumentException));

        study.Optimize(t => t.Number % 2 == 0 ? throw new ArgumentOutOfRangeException("x", "diverged at lr") : 1.0, options);

        var trials = study.Trials;
        Assert.Equal(4, trials.Count);
        Assert.Equal([TrialState.Failed, TrialState.Complete, TrialState.Failed, TrialState.Complete], trials.Select(t => t.State));
        var reason = (string)trials[0].SystemAttrs["fail_reason"]!;
        Assert.Contains("ArgumentOutOfRangeException", reason, StringComparison.Ordinal);
        Assert.Contains("diverged at lr", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_UncaughtException_RecordsTheFailureThenRethrows()
    {
        var study = NewStudy();

        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(t => t.Number == 2 ? throw new InvalidOperationException("out of memory on GPU") : 1.0, Options(trials: 10)));

        Assert.Equal("out of memory on GPU", error.Message);
        var trials = study.Trials;
        Assert.Equal(3, trials.Count);
        Assert.Equal(TrialState.Failed, trials[2].State);
        Assert.Contains("out of memory on GPU", (string)trials[2].SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_UncaughtExceptionWithParallelism_RecordsTheFailureAndRethrowsAfterRunningTrialsEnd()
    {
        var study = NewStudy();

        // The other trials take 2 ms each, so that the 95 after the failure take far longer than stopping does: with
        // instant trials the other workers could finish them all before the failing one records its failure.
        var error = Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(
                t =>
                {
                    if (t.Number == 5)
                    {
                        throw new InvalidOperationException("boom");
                    }

                    Thread.Sleep(2);
                    return 1.0;
                },
                Options(trials: 100, parallelism: 4)));

        Assert.Equal("boom", error.Message);
        var failed = Assert.Single(study.GetTrials(TrialState.Failed));
        Assert.Equal(5, failed.Number);
        Assert.Contains("boom", (string)failed.SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        Assert.Empty(study.GetTrials(TrialState.Running));
        Assert.True(study.Trials.Count < 100);
    }

    [Fact]
    public void Optimize_CancelledFromACallback_ThrowsOperationCanceledAndLeavesNoTrialRunning()
    {
        var study = NewStudy();
        using var cancellation = new CancellationTokenSource();
        var options = Options(trials: 100);
        options.Callbacks.Add((_, trial) =>
        {
            if (trial.Number == 2)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => study.Optimize(t => t.SuggestFloat("x", 0, 1), options, cancellation.Token));

        Assert.Equal(3, study.Trials.Count);
        Assert.Empty(study.GetTrials(TrialState.Running));
    }

    [Fact]
    public async Task OptimizeAsync_CancelledWhileTrialsWait_FailsThemAsCancelledAndThrows()
    {
        var study = NewStudy();
        using var cancellation = new CancellationTokenSource();
        var started = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => study.OptimizeAsync(
            async (t, ct) =>
            {
                if (Interlocked.Increment(ref started) == 3)
                {
                    await cancellation.CancelAsync();
                }

                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            },
            Options(trials: 100, parallelism: 3),
            cancellation.Token));

        Assert.Empty(study.GetTrials(TrialState.Running));
        Assert.NotEmpty(study.Trials);
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Failed, t.State);
            Assert.Contains("Cancelled", (string)t.SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Optimize_StopFromCallback_StartsNoFurtherTrial()
    {
        var study = NewStudy();
        var options = Options(trials: 100);
        options.Callbacks.Add((s, trial) =>
        {
            if (trial.Number == 4)
            {
                s.Stop();
            }
        });

        study.Optimize(t => t.SuggestFloat("x", 0, 1), options);
        Assert.Equal(5, study.Trials.Count);

        study.Optimize(t => t.SuggestFloat("x", 0, 1), Options(trials: 2));
        Assert.Equal(7, study.Trials.Count);
    }

    [Fact]
    public async Task OptimizeAsync_SingleObjective_RunsTheTrials()
    {
        var study = NewStudy();

        await study.OptimizeAsync(
            async (t, ct) =>
            {
                await Task.Yield();
                var x = t.SuggestFloat("x", -1, 1);
                return x * x;
            },
            Options(trials: 6));

        Assert.Equal(6, study.GetTrials(TrialState.Complete).Count);
        Assert.All(study.Trials, t => Assert.Equal(Math.Pow((double)t.Params["x"]!, 2), t.Value));
    }

    [Fact]
    public async Task OptimizeAsync_MultiObjectiveInParallel_RunsExactCount()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new RandomSampler(1),
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        });

        await study.OptimizeAsync(
            async (t, ct) =>
            {
                await Task.Delay(1, ct);
                var x = t.SuggestFloat("x", 0, 1);
                return (IReadOnlyList<double>)[x, 1 - x];
            },
            Options(trials: 20, parallelism: 4));

        var trials = study.Trials;
        Assert.Equal(20, trials.Count);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(2, t.Values!.Count));
    }

    [Fact]
    public async Task OptimizeAsync_UncaughtExceptionWithParallelism_Rethrows()
    {
        var study = NewStudy();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => study.OptimizeAsync(
            async (t, ct) =>
            {
                await Task.Yield();
                return t.Number == 3 ? throw new TimeoutException("remote worker lost") : 1.0;
            },
            Options(trials: 50, parallelism: 3)));

        Assert.Equal("remote worker lost", error.Message);
        Assert.Equal(TrialState.Failed, study.Trials[3].State);
        Assert.Empty(study.GetTrials(TrialState.Running));
    }

    [Fact]
    public void Optimize_MultiObjectiveWrongNumberOfValues_FailsWithReasonAndGoesOn()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });

        study.Optimize(t => t.Number == 0 ? [1.0] : (IReadOnlyList<double>)[1.0, 2.0], Options(trials: 2));

        var failed = study.Trials[0];
        Assert.Equal(TrialState.Failed, failed.State);
        var reason = (string)failed.SystemAttrs["fail_reason"]!;
        Assert.Contains("1 value(s)", reason, StringComparison.Ordinal);
        Assert.Contains("2 direction(s)", reason, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0], study.Trials[1].Values);
    }

    [Theory]
    [MemberData(nameof(MultiObjectiveSamplers.Names), MemberType = typeof(MultiObjectiveSamplers))]
    public void Optimize_MultiObjectiveSamplerGivenNaNOrTheWrongCount_FailsThoseTrialsAndGoesOn(string sampler)
    {
        var study = Study.Create(new StudyOptions { Sampler = MultiObjectiveSamplers.Create(sampler), Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });

        // Every fifth trial gives NaN in its second objective, every fifth (shifted) only one value.
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var y = t.SuggestFloat("y", 0, 1);
                return (t.Number % 5) switch
                {
                    1 => [x, double.NaN],
                    3 => [x],
                    _ => (IReadOnlyList<double>)[x, 1 - x + y],
                };
            },
            Options(trials: 40));

        Assert.Equal(40, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(t.Number % 5 is 1 or 3 ? TrialState.Failed : TrialState.Complete, t.State));
        Assert.Contains("NaN", (string)study.Trials[1].SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        Assert.Contains("1 value(s)", (string)study.Trials[3].SystemAttrs["fail_reason"]!, StringComparison.Ordinal);
        Assert.NotEmpty(study.BestTrials);
        Assert.All(study.BestTrials, t => Assert.True(t.State == TrialState.Complete && t.Values!.All(double.IsFinite)));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, -1)]
    public void Optimize_InvalidOptions_ThrowsNamingTheOption(int parallelism, int? trials)
    {
        var study = NewStudy();

        var error = Assert.Throws<ArgumentException>(() => study.Optimize(_ => 0, new OptimizeOptions { Parallelism = parallelism, Trials = trials }));

        Assert.Contains(parallelism < 1 ? "Parallelism must be >= 1" : "Trials must be >= 0", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials);
    }

    private static Study NewStudy() => Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });

    private static OptimizeOptions Options(int trials, int parallelism = 1) =>
        new() { Trials = trials, Parallelism = parallelism, ShowProgress = false };
}

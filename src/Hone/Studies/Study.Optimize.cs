using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Hone.Samplers;
using Hone.Trials;

namespace Hone.Studies;

/// <content>The optimization loop: trials run one after another or in parallel until a budget is spent.</content>
public sealed partial class Study
{
    /// <summary>Runs trials of a single-objective function until the trial count or timeout is reached.</summary>
    /// <param name="objective">Suggests parameters on the trial and returns the objective value.</param>
    /// <param name="options">Budget, parallelism, caught exceptions, callbacks; default: runs until cancelled or stopped.</param>
    /// <param name="cancellationToken">Stops new trials; running ones are recorded as failed and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <remarks>
    /// A trial whose objective throws <see cref="TrialPrunedException"/> is stored as pruned. One that returns NaN or
    /// infinity, or throws a type listed in <see cref="OptimizeOptions.Catch"/>, is stored as failed with the reason and
    /// the study goes on. Any other exception is stored as a failure, then rethrown once running trials have ended.
    /// </remarks>
    public void Optimize(Func<Trial, double> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Run(t => [objective(t)], options, cancellationToken);
    }

    /// <summary>Runs trials of a multi-objective function; it returns one value per direction.</summary>
    /// <param name="objective">Suggests parameters on the trial and returns its objective values.</param>
    /// <param name="options">Budget, parallelism, caught exceptions, callbacks.</param>
    /// <param name="cancellationToken">Stops new trials.</param>
    public void Optimize(Func<Trial, IReadOnlyList<double>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Run(objective, options, cancellationToken);
    }

    /// <summary>Runs trials of an asynchronous single-objective function, up to <see cref="OptimizeOptions.Parallelism"/> at once.</summary>
    /// <param name="objective">Suggests parameters on the trial, awaits the evaluation and returns its value; it should observe the token.</param>
    /// <param name="options">Budget, parallelism, caught exceptions, callbacks.</param>
    /// <param name="cancellationToken">Stops new trials and is passed to running ones.</param>
    /// <returns>A task that ends when the budget is spent.</returns>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(async (t, ct) => [await objective(t, ct).ConfigureAwait(false)], options, cancellationToken);
    }

    /// <summary>Runs trials of an asynchronous multi-objective function.</summary>
    /// <param name="objective">Suggests parameters, awaits the evaluation and returns one value per direction.</param>
    /// <param name="options">Budget, parallelism, caught exceptions, callbacks.</param>
    /// <param name="cancellationToken">Stops new trials and is passed to running ones.</param>
    /// <returns>A task that ends when the budget is spent.</returns>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(objective, options, cancellationToken);
    }

    private void Run(Func<Trial, IReadOnlyList<double>> objective, OptimizeOptions? options, CancellationToken cancellationToken)
    {
        var run = new OptimizeRun(this, options ?? new OptimizeOptions(), cancellationToken);
        void Worker()
        {
            while (run.TryStart(out var trial))
            {
                IReadOnlyList<double>? values = null;
                Exception? error = null;
                try
                {
                    values = objective(trial);
                }
                catch (Exception e)
                {
                    error = e;
                }

                run.Complete(trial, values, error);
            }
        }

        if (run.Options.Parallelism == 1)
        {
            Worker();
        }
        else
        {
            Parallel.For(0, run.Options.Parallelism, new ParallelOptions { MaxDegreeOfParallelism = run.Options.Parallelism }, _ => Worker());
        }

        run.End();
    }

    private async Task RunAsync(Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective, OptimizeOptions? options, CancellationToken cancellationToken)
    {
        var run = new OptimizeRun(this, options ?? new OptimizeOptions(), cancellationToken);
        async Task WorkerAsync()
        {
            while (run.TryStart(out var trial))
            {
                IReadOnlyList<double>? values = null;
                Exception? error = null;
                try
                {
                    values = await objective(trial, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    error = e;
                }

                run.Complete(trial, values, error);
            }
        }

        if (run.Options.Parallelism == 1)
        {
            await WorkerAsync().ConfigureAwait(false);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, run.Options.Parallelism).Select(_ => Task.Run(WorkerAsync, CancellationToken.None))).ConfigureAwait(false);
        }

        run.End();
    }

    /// <summary>The shared state of one Optimize call across its workers.</summary>
    private sealed class OptimizeRun
    {
        private readonly Study _study;
        private readonly CancellationToken _cancellationToken;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ProgressLine? _progress;
        private readonly Lock _lock = new();
        private readonly Lock _askLock = new();
        private int _started;
        private int _done;
        private int _failed;
        private double? _best;
        private ExceptionDispatchInfo? _fatal;

        public OptimizeRun(Study study, OptimizeOptions options, CancellationToken cancellationToken)
        {
            if (options.Parallelism < 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parallelism must be >= 1, but got {options.Parallelism}."), nameof(options));
            }

            if (options.Trials is < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Trials must be >= 0, but got {options.Trials}."), nameof(options));
            }

            if (options.TotalTrials is < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"TotalTrials must be >= 0, but got {options.TotalTrials}."), nameof(options));
            }

            if (options.Timeout is { } t && t <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Timeout must be positive, but got {t}.", nameof(options));
            }

            _study = study;
            Options = options;
            _cancellationToken = cancellationToken;
            _progress = ProgressLine.For(options);
            study._stopRequested = false;
        }

        public OptimizeOptions Options { get; }

        public bool TryStart([NotNullWhen(true)] out Trial? trial)
        {
            trial = null;
            if (_cancellationToken.IsCancellationRequested || _study._stopRequested || Volatile.Read(ref _fatal) is not null
                || (Options.Timeout is { } timeout && _clock.Elapsed >= timeout))
            {
                return false;
            }

            if (Options.Trials is { } limit && Interlocked.Increment(ref _started) > limit)
            {
                return false;
            }

            // The workers of this run ask one at a time, from the sampler's check to the trial's start: a worker that saw a
            // point left would otherwise start a trial for it after another took it, and that trial would fail. Only the
            // start waits; objectives still run in parallel.
            lock (_askLock)
            {
                if (_study.IsSamplerExhausted())
                {
                    _study.Stop();
                    return false;
                }

                try
                {
                    // Null when the study has its total: other workers started the last trials.
                    trial = Options.TotalTrials is { } total ? _study.TryAsk(total) : _study.Ask();
                    return trial is not null;
                }
                catch (SearchSpaceExhaustedException)
                {
                    // Another process took the last point between the check above and this trial's start.
                    _study.Stop();
                    return false;
                }
                catch (Exception e)
                {
                    // A sampler that cannot start a trial ends the run like a failing objective, with one worker or many.
                    Fail(e);
                    return false;
                }
            }
        }

        public void Complete(Trial trial, IReadOnlyList<double>? values, Exception? error)
        {
            FrozenTrial stored;
            var rethrow = false;
            try
            {
                stored = Store(trial, values, error, ref rethrow);
            }
            catch (TrialAlreadyFinishedException) when (IsStale(trial))
            {
                // This worker lost the storage for longer than the grace period, and another one failed the trial as
                // stale and retried it: the result is dropped and the run goes on.
                lock (_lock)
                {
                    _done++;
                    _failed++;
                    _progress?.Update(_done, _failed, _best);
                }

                return;
            }
            catch (Exception e)
            {
                // The trial could not end as it should (the sampler rejected it, or the storage failed): stop the run.
                Fail(e);
                lock (_lock)
                {
                    _done++;
                    _failed++;
                    _progress?.Update(_done, _failed, _best);
                }

                return;
            }

            lock (_lock)
            {
                _done++;
                if (stored.State == TrialState.Failed)
                {
                    _failed++;
                }
                else if (stored.State == TrialState.Complete && _study._directions.Length == 1
                    && (_best is not { } best || IsBetter(stored.Value, best, _study._directions[0])))
                {
                    _best = stored.Value;
                }

                _progress?.Update(_done, _failed, _best);
            }

            if (rethrow)
            {
                Fail(error!);
            }

            try
            {
                foreach (var callback in Options.Callbacks)
                {
                    callback(_study, stored);
                }
            }
            catch (Exception e)
            {
                // A failing callback ends the run like a failing objective, the same way with one worker or many.
                Fail(e);
            }
        }

        private FrozenTrial Store(Trial trial, IReadOnlyList<double>? values, Exception? error, ref bool rethrow)
        {
            if (error is null)
            {
                return values!.Count == _study._directions.Length
                    ? _study.Finish(trial, values)
                    : _study.Finish(trial, TrialState.Failed, null, string.Create(
                        CultureInfo.InvariantCulture,
                        $"The objective returned {values.Count} value(s), but the study has {_study._directions.Length} direction(s)."));
            }

            if (error is TrialPrunedException)
            {
                return _study.Finish(trial, TrialState.Pruned, null, null);
            }

            var cancelled = error is OperationCanceledException && _cancellationToken.IsCancellationRequested;
            var reason = cancelled ? "Cancelled before the trial finished." : $"{error.GetType().Name}: {error.Message}";
            rethrow = !cancelled && !Options.Catch.Any(type => type.IsInstanceOfType(error));
            return _study.Finish(trial, TrialState.Failed, null, reason);
        }

        private bool IsStale(Trial trial) =>
            _study.Storage.GetTrial(trial.Id) is { State: TrialState.Failed } stored
            && stored.SystemAttrs.GetValueOrDefault(FrozenTrial.FailReasonKey) is string reason
            && reason.StartsWith(StaleReasonPrefix, StringComparison.Ordinal);

        private void Fail(Exception error) => Interlocked.CompareExchange(ref _fatal, ExceptionDispatchInfo.Capture(error), null);

        public void End()
        {
            _progress?.Finish(_done, _failed, _best);
            _fatal?.Throw();
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

using System.Globalization;
using System.Runtime.ExceptionServices;
using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pbt;

/// <summary>
/// One run of population-based training: the slots of the population, the workers that train them an interval at a
/// time, and the exploit and explore decisions between intervals.
/// </summary>
/// <remarks>
/// A worker takes the idle slot whose state has trained the fewest steps (the lower slot on ties), so that members stay
/// within an interval of one another and, with one worker, take turns in slot order. Every random draw and every
/// decision happens under one lock, in that order, so one worker with a seed repeats a run exactly. A worker leaves when
/// no idle slot is left to train: every slot still training is then held by a worker that goes on with it.
/// <para>With a checkpoint format, each saved checkpoint's text is stored with the score it was saved at, in one write,
/// so a run resumed on the same study finds every member's latest checkpoint exactly as the scores say.</para>
/// </remarks>
internal sealed class PbtRun<TCheckpoint>
{
    /// <summary>A slot that fails this many times in a row, without training an interval in between, is given up.</summary>
    private const int MaxConsecutiveFailures = 3;

    private readonly Lock _gate = new();
    private readonly Study _study;
    private readonly StudyDirection _direction;
    private readonly Func<int, IPbtMember<TCheckpoint>> _create;
    private readonly int _totalSteps;
    private readonly int _interval;
    private readonly double _exploitFraction;
    private readonly int _parallelism;
    private readonly Random _random;
    private readonly PbtExplorer _explorer;
    private readonly PbtCheckpointFormat<TCheckpoint>? _format;
    private readonly Slot[] _slots;
    private readonly List<int> _interrupted = [];
    private long _trainedSteps;
    private ExceptionDispatchInfo? _fatal;

    public PbtRun(Study study, Func<int, IPbtMember<TCheckpoint>> create, PopulationBasedTrainingOptions options, IReadOnlyList<double> factors, SearchSpaces.SearchSpace space, PbtCheckpointFormat<TCheckpoint>? format)
    {
        _format = format;
        _study = study;
        _direction = study.Direction;
        _create = create;
        _totalSteps = options.TotalSteps;
        _interval = options.Interval;
        _exploitFraction = options.ExploitFraction;
        _parallelism = Math.Min(options.Parallelism, options.PopulationSize);
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        _explorer = new PbtExplorer(space, factors, options.ResampleProbability, _random);
        _slots = new Slot[options.PopulationSize];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot { Index = i, Pending = new Start(PbtSegmentReason.Initial, _explorer.Sample(), 0, null, null) };
        }

        var earlier = study.GetTrials().Where(t => t.SystemAttrs.ContainsKey(PbtAttributes.Member)).ToList();
        if (earlier.Count > 0)
        {
            Resume(earlier);
        }
    }

    public async Task<PbtResult<TCheckpoint>> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var number in _interrupted)
        {
            _study.Tell(number, TrialState.Failed, "The run was interrupted before the segment finished; its member resumed from its latest checkpoint.");
        }

        foreach (var slot in _slots)
        {
            if (slot.Completed is { } completed && slot.Saved is { } final)
            {
                var member = _create(slot.Index) ?? throw new InvalidOperationException("createMember returned null; return a new member.");
                await member.RestoreAsync(final.Checkpoint, cancellationToken).ConfigureAwait(false);
                slot.Result = new PbtMemberResult<TCheckpoint>(slot.Index, member, completed, slot.Score!.Value, final.Params, final.Checkpoint);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new Task[_parallelism];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(() => WorkAsync(stop), CancellationToken.None);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        if (stop.IsCancellationRequested)
        {
            // Members between intervals keep a running segment: record why it never finished.
            var reason = _fatal is { } fatal ? $"The run stopped: {fatal.SourceException.GetType().Name}: {fatal.SourceException.Message}" : "Cancelled before the segment finished.";
            foreach (var slot in _slots)
            {
                if (slot.Trial is { IsFinished: false } trial)
                {
                    _study.Tell(trial, TrialState.Failed, reason);
                }
            }
        }

        _fatal?.Throw();
        cancellationToken.ThrowIfCancellationRequested();

        var population = _slots.Where(s => s.Result is not null).Select(s => s.Result!).ToList();
        if (population.Count == 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Every member of the population failed {MaxConsecutiveFailures} times in a row (last: {_slots.Select(s => s.LastFailure).LastOrDefault(f => f is not null)}). Fix the member's TrainAsync, SaveAsync or RestoreAsync."));
        }

        var best = population.Aggregate((a, b) => Study.IsBetter(b.Score, a.Score, _direction) ? b : a);
        return new PbtResult<TCheckpoint>(population, best, PbtLineage.Read(_study), Interlocked.Read(ref _trainedSteps));
    }

    private async Task WorkAsync(CancellationTokenSource stop)
    {
        while (true)
        {
            Slot? slot = null;
            lock (_gate)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                foreach (var candidate in _slots)
                {
                    if (!candidate.Busy && !candidate.Finished && !candidate.Retired && (slot is null || candidate.Step < slot.Step))
                    {
                        slot = candidate;
                    }
                }

                if (slot is null)
                {
                    return;
                }

                slot.Busy = true;
            }

            try
            {
                await TurnAsync(slot, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Cancelled, or an error that is no member's fault (the storage): stop the others; RunAsync records the
                // segments left running.
                var cancelled = e is OperationCanceledException && stop.IsCancellationRequested;
                lock (_gate)
                {
                    if (!cancelled)
                    {
                        _fatal ??= ExceptionDispatchInfo.Capture(e);
                    }
                }

                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }
            finally
            {
                lock (_gate)
                {
                    slot.Busy = false;
                }
            }
        }
    }

    /// <summary>Trains one interval of a slot (starting its segment first if needed), saves, then finishes the member or
    /// lets it copy a better one.</summary>
    private async Task TurnAsync(Slot slot, CancellationToken token)
    {
        if (slot.Trial is null && !await StartAsync(slot, token).ConfigureAwait(false))
        {
            return;
        }

        var trial = slot.Trial!;
        var member = slot.Member!;
        var steps = Math.Min(_interval, _totalSteps - slot.Step);
        double score;
        try
        {
            score = await member.TrainAsync(new PbtTrainArguments(slot.Index, slot.Step, steps, slot.Params, trial), token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsMemberFailure(e, token))
        {
            Interlocked.Add(ref _trainedSteps, steps);
            Fail(slot, "training", e.GetType().Name + ": " + e.Message, token);
            return;
        }

        Interlocked.Add(ref _trainedSteps, steps);
        if (!double.IsFinite(score))
        {
            Fail(slot, "training", string.Create(CultureInfo.InvariantCulture, $"TrainAsync returned {score}; scores must be finite numbers."), token);
            return;
        }

        slot.Step += steps;
        TCheckpoint checkpoint;
        string? text;
        try
        {
            checkpoint = await member.SaveAsync(token).ConfigureAwait(false);
            text = _format?.Write(checkpoint);
        }
        catch (Exception e) when (IsMemberFailure(e, token))
        {
            trial.Report(score, slot.Step);
            Fail(slot, "saving a checkpoint", e.GetType().Name + ": " + e.Message, token);
            return;
        }

        if (text is not null)
        {
            trial.SetSystemAttr(PbtAttributes.Checkpoint, text);
            trial.SetSystemAttr(PbtAttributes.CheckpointStep, (long)slot.Step);
        }

        trial.Report(score, slot.Step);

        Start? exploit = null;
        lock (_gate)
        {
            slot.Score = score;
            slot.Saved = new Saved(checkpoint, slot.Step, trial.Number, slot.Index, slot.Params);
            slot.Failures = 0;
            if (slot.Step < _totalSteps && Donor(slot) is { } donor)
            {
                var (explored, explore) = _explorer.Explore(donor.Saved!.Params);
                exploit = new Start(PbtSegmentReason.Exploit, explored, slot.Step, donor.Saved, explore);
                slot.Score = donor.Score;
                slot.Saved = donor.Saved;
            }
        }

        if (slot.Step >= _totalSteps)
        {
            var stored = _study.Tell(trial, score);
            lock (_gate)
            {
                slot.Result = new PbtMemberResult<TCheckpoint>(slot.Index, member, stored, score, slot.Params, checkpoint);
                slot.Finished = true;
            }

            return;
        }

        if (exploit is not null)
        {
            _study.Tell(trial, TrialState.Pruned);
            slot.Trial = null;
            slot.Pending = exploit;
            await StartAsync(slot, token).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the slot's pending segment: its trial, a member object if it has none, and the restore of the
    /// copied checkpoint; after a failure, the next pending segment, until one starts or the slot is given up.</summary>
    /// <returns>Whether a segment runs.</returns>
    private async Task<bool> StartAsync(Slot slot, CancellationToken token)
    {
        while (slot.Pending is { } start)
        {
            var previous = slot.PreviousTrial;
            slot.Trial = _study.StartChosen(new TrialUpdate
            {
                Params = [.. start.Params.Entries().Select(e => (e.Name, _study.Intern(e.Distribution), e.Value))],
                SystemAttrs = PbtAttributes.For(
                    slot.Index,
                    start.Reason,
                    start.Step,
                    previous,
                    start.Parent is { } p ? (p.Trial, p.Member, p.Step, p.Params) : null,
                    start.Explore),
            });
            slot.PreviousTrial = slot.Trial.Number;
            slot.Params = start.Params;
            slot.Step = start.Step;
            slot.Pending = null;
            try
            {
                slot.Member ??= _create(slot.Index) ?? throw new InvalidOperationException("createMember returned null; return a new member.");
                if (start.Parent is { } parent)
                {
                    await slot.Member.RestoreAsync(parent.Checkpoint, token).ConfigureAwait(false);
                }

                return true;
            }
            catch (Exception e) when (IsMemberFailure(e, token))
            {
                Fail(slot, start.Parent is null ? "starting" : "restoring a checkpoint", e.GetType().Name + ": " + e.Message, token);
            }
        }

        return false;
    }

    /// <summary>Fails the slot's segment, drops its member object, and plans its restart from a top member's checkpoint
    /// (from scratch while none has one), or gives the slot up after too many failures in a row.</summary>
    private void Fail(Slot slot, string phase, string message, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var reason = string.Create(CultureInfo.InvariantCulture, $"Member {slot.Index} failed while {phase} at step {slot.Step}: {message}");
        _study.Tell(slot.Trial!, TrialState.Failed, reason);
        slot.Trial = null;
        slot.Member = null;
        lock (_gate)
        {
            slot.Failures++;
            slot.Score = null;
            slot.Saved = null;
            slot.LastFailure = reason;
            if (slot.Failures >= MaxConsecutiveFailures)
            {
                slot.Retired = true;
                return;
            }

            if (Donors(slot) is { Count: > 0 } donors)
            {
                var donor = donors[_random.Next(donors.Count)];
                var (explored, explore) = _explorer.Explore(donor.Saved!.Params);
                slot.Pending = new Start(PbtSegmentReason.Restart, explored, slot.Step, donor.Saved, explore);
                slot.Score = donor.Score;
                slot.Saved = donor.Saved;
            }
            else
            {
                slot.Pending = new Start(PbtSegmentReason.Restart, _explorer.Sample(), 0, null, null);
            }

            slot.Step = slot.Pending.Step;
        }
    }

    /// <summary>Takes up a run that stopped: every member goes on from the latest checkpoint it saved (a finished one
    /// stays finished), and the segments its process left running are failed when the run starts.</summary>
    private void Resume(List<FrozenTrial> earlier)
    {
        var members = earlier.GroupBy(t => PbtAttributes.ReadInt(t.SystemAttrs, PbtAttributes.Member) ?? -1).ToList();
        if (_format is null)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Study '{_study.Name}' already holds a population-based training run ({earlier.Count} segments of {members.Count} members). Resume it by passing a PbtCheckpointFormat to RunAsync, or train in a new study."));
        }

        var highest = members.Max(m => m.Key);
        if (highest >= _slots.Length || members.Min(m => m.Key) < 0)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Study '{_study.Name}' holds a population-based training run with members up to slot {highest}, but PopulationSize is {_slots.Length}. Resume it with the options it was started with."));
        }

        foreach (var segments in members)
        {
            var slot = _slots[segments.Key];
            var ordered = segments.OrderBy(t => t.Number).ToList();
            var latest = ordered[^1];
            var saved = ordered.LastOrDefault(t => t.SystemAttrs.ContainsKey(PbtAttributes.Checkpoint));
            if (saved is null && ordered.Any(t => t.IntermediateValues.Count > 0))
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Member {slot.Index} of the population-based training run in study '{_study.Name}' trained but stored no checkpoint (trial {latest.Number}): the run was started without a PbtCheckpointFormat, so it cannot resume. Train in a new study."));
            }

            _interrupted.AddRange(ordered.Where(t => t.State == TrialState.Running).Select(t => t.Number));
            slot.PreviousTrial = latest.Number;
            if (saved is null)
            {
                slot.Pending = new Start(PbtSegmentReason.Resume, latest.Params, 0, null, null);
                continue;
            }

            var step = PbtAttributes.ReadInt(saved.SystemAttrs, PbtAttributes.CheckpointStep) ?? 0;
            var own = new Saved(_format.Read((string)saved.SystemAttrs[PbtAttributes.Checkpoint]!), step, saved.Number, slot.Index, saved.Params);
            slot.Score = saved.IntermediateValues[step];
            slot.Saved = own;
            slot.Step = step;
            if (latest.State == TrialState.Complete)
            {
                slot.Finished = true;
                slot.Completed = latest;
                slot.Pending = null;
            }
            else
            {
                slot.Pending = new Start(PbtSegmentReason.Resume, saved.Params, step, own, null);
            }
        }
    }

    /// <summary>The member a slot copies when it ranks in the bottom of the population, or <see langword="null"/>;
    /// call under the lock.</summary>
    private Slot? Donor(Slot slot)
    {
        if (Ranked() is not { } ranked)
        {
            return null;
        }

        var n = Math.Min((int)Math.Ceiling(_exploitFraction * ranked.Count), ranked.Count / 2);
        if (ranked.IndexOf(slot) < ranked.Count - n)
        {
            return null;
        }

        var donors = Top(ranked, n);
        return donors.Count == 0 ? null : donors[_random.Next(donors.Count)];
    }

    /// <summary>The members a restarting slot may copy: the top of the population, or all members with a checkpoint
    /// while some have no score yet; call under the lock.</summary>
    private List<Slot> Donors(Slot slot)
    {
        var ranked = _slots.Where(s => s != slot && !s.Retired && s.Score is not null).ToList();
        ranked.Sort(Compare);
        var n = Math.Max((int)Math.Ceiling(_exploitFraction * ranked.Count), 1);
        return Top(ranked, n);
    }

    /// <summary>The members in the top <paramref name="n"/> that have a checkpoint.</summary>
    private static List<Slot> Top(List<Slot> ranked, int n) => ranked.Take(n).Where(s => s.Saved is not null).ToList();

    /// <summary>The members still in the run, best first; <see langword="null"/> while any has no score yet, so that no
    /// member is judged against part of the population.</summary>
    private List<Slot>? Ranked()
    {
        var ranked = new List<Slot>(_slots.Length);
        foreach (var s in _slots)
        {
            if (s.Retired)
            {
                continue;
            }

            if (s.Score is null)
            {
                return null;
            }

            ranked.Add(s);
        }

        ranked.Sort(Compare);
        return ranked;
    }

    private int Compare(Slot a, Slot b) =>
        a.Score == b.Score ? a.Index.CompareTo(b.Index)
        : Study.IsBetter(a.Score!.Value, b.Score!.Value, _direction) ? -1 : 1;

    /// <summary>Whether an exception from a member's method fails the member, rather than being the run's cancellation.</summary>
    private static bool IsMemberFailure(Exception e, CancellationToken token) =>
        !(e is OperationCanceledException && token.IsCancellationRequested);

    /// <summary>A checkpoint and where it came from.</summary>
    private sealed record Saved(TCheckpoint Checkpoint, int Step, int Trial, int Member, ParameterSet Params);

    /// <summary>A segment about to start.</summary>
    private sealed record Start(PbtSegmentReason Reason, ParameterSet Params, int Step, Saved? Parent, IReadOnlyDictionary<string, string>? Explore);

    /// <summary>One place in the population; its fields change under the lock, or by the one worker that holds it.</summary>
    private sealed class Slot
    {
        public required int Index { get; init; }

        public Start? Pending { get; set; }

        public IPbtMember<TCheckpoint>? Member { get; set; }

        public ParameterSet Params { get; set; } = ParameterSet.Empty;

        public int Step { get; set; }

        public Trial? Trial { get; set; }

        public int? PreviousTrial { get; set; }

        public double? Score { get; set; }

        public Saved? Saved { get; set; }

        public bool Busy { get; set; }

        public bool Finished { get; set; }

        public bool Retired { get; set; }

        public int Failures { get; set; }

        public string? LastFailure { get; set; }

        /// <summary>The final segment of a member that had finished before the run resumed; its result is built from it
        /// once a member object holds its checkpoint.</summary>
        public FrozenTrial? Completed { get; set; }

        public PbtMemberResult<TCheckpoint>? Result { get; set; }
    }
}

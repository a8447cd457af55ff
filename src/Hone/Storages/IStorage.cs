using Hone.Studies;
using Hone.Trials;

namespace Hone.Storages;

/// <summary>Where studies and trials are kept: in memory, in a SQLite file, or in a shared database.</summary>
/// <remarks>
/// <para>Every member is thread-safe, and a storage shared by several processes (SQLite, PostgreSQL) keeps trial
/// numbers unique within a study and loses no write.</para>
/// <para>Records returned are immutable and never changed by later writes.</para>
/// <para>The interface is synchronous on purpose: define-by-run objectives call <c>Suggest</c>, <c>Report</c> and
/// <c>ShouldPrune</c> synchronously, and blocking on asynchronous I/O there would be worse than plain calls.
/// Writes are batched by <see cref="Trial"/> so that a trial costs two transactions: its creation and its end.</para>
/// </remarks>
public interface IStorage : IDisposable
{
    /// <summary>Creates a study.</summary>
    /// <param name="name">A name unique within the storage.</param>
    /// <param name="directions">One direction per objective.</param>
    /// <param name="created">The creation time.</param>
    /// <returns>The new study's identifier.</returns>
    /// <exception cref="DuplicateStudyException">The name is taken.</exception>
    long CreateStudy(string name, IReadOnlyList<StudyDirection> directions, DateTimeOffset created);

    /// <summary>Finds a study by name.</summary>
    /// <param name="name">The study name.</param>
    /// <returns>The study's summary.</returns>
    /// <exception cref="StudyNotFoundException">No study has this name.</exception>
    StudySummary GetStudy(string name);

    /// <summary>Reads a study by identifier.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <returns>The study's summary.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    StudySummary GetStudy(long studyId);

    /// <summary>Lists every study, in creation order.</summary>
    /// <returns>The summaries.</returns>
    IReadOnlyList<StudySummary> GetAllStudies();

    /// <summary>Deletes a study and all its trials.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    void DeleteStudy(long studyId);

    /// <summary>Sets a study attribute.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">A JSON-serializable value.</param>
    /// <param name="system">Whether it is one of Hone's own attributes rather than the user's.</param>
    void SetStudyAttr(long studyId, string key, object? value, bool system = false);

    /// <summary>
    /// Claims a key within a study for the first caller only, atomically across threads and processes: how a grid point
    /// or any other unit of work is taken exactly once by parallel workers.
    /// </summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="key">The key to claim.</param>
    /// <returns><see langword="true"/> for the caller that claimed it; <see langword="false"/> when it was claimed before.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    bool TryClaim(long studyId, string key);

    /// <summary>Whether a key within a study has been claimed, by any caller: a look at one key that claims nothing.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="key">The key to look at.</param>
    /// <returns><see langword="true"/> once <see cref="TryClaim"/> has claimed it.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    /// <remarks>The default reads every claim of the study (<see cref="GetClaims"/>); Hone's storages look up the one key.</remarks>
    bool IsClaimed(long studyId, string key) => GetClaims(studyId).Contains(key);

    /// <summary>The keys claimed so far within a study.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <returns>The claimed keys.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    IReadOnlySet<string> GetClaims(long studyId);

    /// <summary>Creates a trial, giving it the next number of its study.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="state"><see cref="TrialState.Running"/> or <see cref="TrialState.Waiting"/>.</param>
    /// <param name="initial">Parameters and attributes the trial starts with; may be empty.</param>
    /// <param name="now">The creation time, kept as the start time of a running trial.</param>
    /// <returns>The new trial.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    FrozenTrial CreateTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now);

    /// <summary>
    /// Claims a key within a study and, for the caller that claims it, creates a trial, in one atomic step: how a failed
    /// trial is replaced by its retry (claim <c>retry:</c> and its number) without another worker seeing the one without
    /// the other.
    /// </summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="key">The key to claim, as <see cref="TryClaim"/> claims it.</param>
    /// <param name="state"><see cref="TrialState.Running"/> or <see cref="TrialState.Waiting"/>.</param>
    /// <param name="initial">Parameters and attributes the trial starts with; may be empty.</param>
    /// <param name="now">The creation time, kept as the start time of a running trial.</param>
    /// <returns>The new trial; <see langword="null"/> when the key was claimed before, and nothing was created. Across
    /// threads and processes, a key is claimed once and its trial created once; <see cref="TryStartTrial"/> never sees the
    /// claim without the trial, so a retry claim and its trial leave the count of trials that count unchanged.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    FrozenTrial? TryCreateTrial(long studyId, string key, TrialState state, TrialUpdate initial, DateTimeOffset now);

    /// <summary>
    /// Starts a trial: atomically takes the oldest waiting (enqueued) trial of the study and marks it running, or
    /// creates a new running trial when none waits. Each waiting trial is taken by exactly one caller.
    /// </summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="now">The start time.</param>
    /// <returns>The running trial.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    FrozenTrial StartTrial(long studyId, DateTimeOffset now);

    /// <summary>
    /// Starts a trial unless the study is full: atomically takes the oldest waiting trial, or, when none waits and the study
    /// has fewer than <paramref name="maxTrials"/> trials that count, creates a new running one.
    /// </summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="now">The start time.</param>
    /// <param name="maxTrials">How many trials the study may have. Every trial counts, whatever its state, except one
    /// replaced by its retry: trial <c>n</c> is replaced once the study holds the claim <c>retry:n</c>
    /// (<see cref="TryClaim"/>). <see cref="int.MaxValue"/> for no limit. Waiting trials count already, so they are
    /// always started.</param>
    /// <param name="heartbeat">Whether to record <paramref name="now"/> as the trial's first heartbeat in the same
    /// transaction, so that the trial is failed as stale (<see cref="FailStaleTrials"/>) if its worker dies at any moment
    /// after it started.</param>
    /// <returns>The running trial, or <see langword="null"/> when no trial waits and the study is full. Across threads and
    /// processes, the trials that count never exceed <paramref name="maxTrials"/> and each waiting trial is taken once.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    FrozenTrial? TryStartTrial(long studyId, DateTimeOffset now, int maxTrials, bool heartbeat);

    /// <summary>Records that a running trial's worker is alive.</summary>
    /// <param name="trialId">The trial identifier.</param>
    /// <param name="now">The time of the heartbeat.</param>
    /// <returns><see langword="true"/> while the trial runs; <see langword="false"/> when it has finished (another
    /// process may have failed it as stale) or waits, and nothing was recorded.</returns>
    /// <remarks>Heartbeats are not part of <see cref="FrozenTrial"/> and do not count as changes for incremental reads, so
    /// frequent ones cost a small write each and nothing for readers.</remarks>
    /// <exception cref="TrialNotFoundException">No trial has this identifier.</exception>
    bool RecordHeartbeat(long trialId, DateTimeOffset now);

    /// <summary>
    /// Fails the running trials of a study whose last heartbeat is older than <paramref name="heartbeatBefore"/>: their
    /// workers are taken as dead. Trials that never had a heartbeat are left alone.
    /// </summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="heartbeatBefore">Trials whose last heartbeat is before this time are stale.</param>
    /// <param name="update">What to apply to each: <see cref="TrialState.Failed"/>, the time and the reason (attributes
    /// only: no parameters or intermediate values).</param>
    /// <returns>The trials this call failed, after the update. Each stale trial is returned to exactly one caller, across
    /// threads and processes; the others see it finished and skip it.</returns>
    /// <remarks>Meant to run at each ask: when no trial is stale it costs one indexed read and no write.</remarks>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    /// <exception cref="ArgumentException"><paramref name="update"/> does not fail the trial, or carries parameters or intermediate values.</exception>
    IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset heartbeatBefore, TrialUpdate update);

    /// <summary>Applies changes to a trial atomically.</summary>
    /// <param name="trialId">The trial identifier.</param>
    /// <param name="update">The changes.</param>
    /// <returns>The trial after the changes.</returns>
    /// <exception cref="TrialNotFoundException">No trial has this identifier.</exception>
    /// <exception cref="TrialAlreadyFinishedException">The trial is finished; nothing was changed.</exception>
    FrozenTrial UpdateTrial(long trialId, TrialUpdate update);

    /// <summary>Reads one trial.</summary>
    /// <param name="trialId">The trial identifier.</param>
    /// <returns>The trial.</returns>
    /// <exception cref="TrialNotFoundException">No trial has this identifier.</exception>
    FrozenTrial GetTrial(long trialId);

    /// <summary>Reads a trial by its number in a study.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="number">The trial number.</param>
    /// <returns>The trial.</returns>
    /// <exception cref="TrialNotFoundException">The study has no trial with this number.</exception>
    FrozenTrial GetTrial(long studyId, int number);

    /// <summary>Reads the trials of a study in number order.</summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="states">The states to keep, or <see langword="null"/> for all.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states = null);

    /// <summary>
    /// Reads the finished trials of a study (complete, pruned or failed) after the first <paramref name="start"/>, in the
    /// order this storage instance saw them finish.
    /// </summary>
    /// <param name="studyId">The study identifier.</param>
    /// <param name="start">How many of them the caller has read before; 0 for all.</param>
    /// <returns>The trials that finished after those; the caller adds their count to <paramref name="start"/> next time.</returns>
    /// <remarks>
    /// Finished trials never change and this order only grows, so a sampler that keeps the count reads each finished trial
    /// once instead of copying the whole study on every trial. The order belongs to one storage instance: another
    /// instance over the same database may list the same trials in another order.
    /// </remarks>
    /// <exception cref="StudyNotFoundException">No study has this identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative.</exception>
    IReadOnlyList<FrozenTrial> GetFinishedTrials(long studyId, int start);
}

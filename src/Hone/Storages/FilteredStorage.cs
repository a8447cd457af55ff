using Hone.Studies;
using Hone.Trials;

namespace Hone.Storages;

/// <summary>
/// A storage seen through a filter: reading the trials of one study keeps only those a predicate accepts; every other
/// member passes through. Behind <see cref="Study.Filtered"/>; it does not own the storage it wraps.
/// </summary>
internal sealed class FilteredStorage(IStorage inner, long viewedStudyId, Func<FrozenTrial, bool> keep) : IStorage
{
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions, DateTimeOffset created) => inner.CreateStudy(name, directions, created);

    public StudySummary GetStudy(string name) => inner.GetStudy(name);

    public StudySummary GetStudy(long studyId) => inner.GetStudy(studyId);

    public IReadOnlyList<StudySummary> GetAllStudies() => inner.GetAllStudies();

    public void DeleteStudy(long studyId) => inner.DeleteStudy(studyId);

    public void SetStudyAttr(long studyId, string key, object? value, bool system = false) => inner.SetStudyAttr(studyId, key, value, system);

    public bool TryClaim(long studyId, string key) => inner.TryClaim(studyId, key);

    public bool IsClaimed(long studyId, string key) => inner.IsClaimed(studyId, key);

    public IReadOnlySet<string> GetClaims(long studyId) => inner.GetClaims(studyId);

    public FrozenTrial CreateTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now) => inner.CreateTrial(studyId, state, initial, now);

    public FrozenTrial? TryCreateTrial(long studyId, string key, TrialState state, TrialUpdate initial, DateTimeOffset now) =>
        inner.TryCreateTrial(studyId, key, state, initial, now);

    public FrozenTrial StartTrial(long studyId, DateTimeOffset now) => inner.StartTrial(studyId, now);

    public FrozenTrial? TryStartTrial(long studyId, DateTimeOffset now, int maxTrials, bool heartbeat) => inner.TryStartTrial(studyId, now, maxTrials, heartbeat);

    public bool RecordHeartbeat(long trialId, DateTimeOffset now) => inner.RecordHeartbeat(trialId, now);

    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset heartbeatBefore, TrialUpdate update) =>
        inner.FailStaleTrials(studyId, heartbeatBefore, update);

    public FrozenTrial UpdateTrial(long trialId, TrialUpdate update) => inner.UpdateTrial(trialId, update);

    public FrozenTrial GetTrial(long trialId) => inner.GetTrial(trialId);

    public FrozenTrial GetTrial(long studyId, int number) => inner.GetTrial(studyId, number);

    public IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        var trials = inner.GetAllTrials(studyId, states);
        return studyId == viewedStudyId ? trials.Where(keep).ToList() : trials;
    }

    public IReadOnlyList<FrozenTrial> GetFinishedTrials(long studyId, int start)
    {
        var trials = inner.GetFinishedTrials(studyId, start);
        return studyId == viewedStudyId ? trials.Where(keep).ToList() : trials;
    }

    public void Dispose()
    {
        // The wrapped storage belongs to whoever opened it.
    }
}

using System.Diagnostics;
using Hone.Storages;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>A storage wrapper that adds up the time spent in each storage call, for a Stopwatch profile.</summary>
internal sealed class TimingStorage(IStorage inner) : IStorage
{
    private readonly Dictionary<string, (int Calls, long Ticks)> _totals = new(StringComparer.Ordinal);

    /// <summary>Calls and total Stopwatch ticks per storage method.</summary>
    public IReadOnlyDictionary<string, (int Calls, long Ticks)> Totals => _totals;

    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions, DateTimeOffset created) =>
        Time(nameof(CreateStudy), () => inner.CreateStudy(name, directions, created));

    public StudySummary GetStudy(string name) => Time("GetStudy(name)", () => inner.GetStudy(name));

    public StudySummary GetStudy(long studyId) => Time("GetStudy(id)", () => inner.GetStudy(studyId));

    public IReadOnlyList<StudySummary> GetAllStudies() => Time(nameof(GetAllStudies), inner.GetAllStudies);

    public void DeleteStudy(long studyId) => Time(nameof(DeleteStudy), () =>
    {
        inner.DeleteStudy(studyId);
        return 0;
    });

    public void SetStudyAttr(long studyId, string key, object? value, bool system = false) => Time(nameof(SetStudyAttr), () =>
    {
        inner.SetStudyAttr(studyId, key, value, system);
        return 0;
    });

    public bool TryClaim(long studyId, string key) => Time(nameof(TryClaim), () => inner.TryClaim(studyId, key));

    public bool IsClaimed(long studyId, string key) => Time(nameof(IsClaimed), () => inner.IsClaimed(studyId, key));

    public IReadOnlySet<string> GetClaims(long studyId) => Time(nameof(GetClaims), () => inner.GetClaims(studyId));

    public FrozenTrial CreateTrial(long studyId, TrialState state, TrialUpdate initial, DateTimeOffset now) =>
        Time(nameof(CreateTrial), () => inner.CreateTrial(studyId, state, initial, now));

    public FrozenTrial? TryCreateTrial(long studyId, string key, TrialState state, TrialUpdate initial, DateTimeOffset now) =>
        Time(nameof(TryCreateTrial), () => inner.TryCreateTrial(studyId, key, state, initial, now));

    public FrozenTrial StartTrial(long studyId, DateTimeOffset now) => Time(nameof(StartTrial), () => inner.StartTrial(studyId, now));

    public FrozenTrial? TryStartTrial(long studyId, DateTimeOffset now, int maxTrials, bool heartbeat) =>
        Time(nameof(TryStartTrial), () => inner.TryStartTrial(studyId, now, maxTrials, heartbeat));

    public bool RecordHeartbeat(long trialId, DateTimeOffset now) => Time(nameof(RecordHeartbeat), () => inner.RecordHeartbeat(trialId, now));

    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset heartbeatBefore, TrialUpdate update) =>
        Time(nameof(FailStaleTrials), () => inner.FailStaleTrials(studyId, heartbeatBefore, update));

    public FrozenTrial UpdateTrial(long trialId, TrialUpdate update) => Time(nameof(UpdateTrial), () => inner.UpdateTrial(trialId, update));

    public FrozenTrial GetTrial(long trialId) => Time("GetTrial(id)", () => inner.GetTrial(trialId));

    public FrozenTrial GetTrial(long studyId, int number) => Time("GetTrial(study, number)", () => inner.GetTrial(studyId, number));

    public IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states = null) =>
        Time(nameof(GetAllTrials), () => inner.GetAllTrials(studyId, states));

    public IReadOnlyList<FrozenTrial> GetFinishedTrials(long studyId, int start) =>
        Time(nameof(GetFinishedTrials), () => inner.GetFinishedTrials(studyId, start));

    public void Dispose() => inner.Dispose();

    private T Time<T>(string name, Func<T> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        finally
        {
            var elapsed = Stopwatch.GetTimestamp() - start;
            _totals[name] = _totals.TryGetValue(name, out var total) ? (total.Calls + 1, total.Ticks + elapsed) : (1, elapsed);
        }
    }
}

namespace Hone.Studies;

/// <summary>What a storage knows of one study, without its trials.</summary>
/// <param name="Id">The storage-wide study identifier.</param>
/// <param name="Name">The unique study name.</param>
/// <param name="Directions">One direction per objective.</param>
/// <param name="UserAttrs">The study's user attributes.</param>
/// <param name="SystemAttrs">Hone's own study attributes.</param>
/// <param name="TrialCount">How many trials the study has, in any state.</param>
/// <param name="Created">When the study was created.</param>
public sealed record StudySummary(
    long Id,
    string Name,
    IReadOnlyList<StudyDirection> Directions,
    IReadOnlyDictionary<string, object?> UserAttrs,
    IReadOnlyDictionary<string, object?> SystemAttrs,
    int TrialCount,
    DateTimeOffset Created);

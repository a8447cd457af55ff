using System.Text.Json;
using Hone.Storages;
using Hone.Trials;

namespace Hone.Pbt;

/// <summary>The system attributes that record a member's lineage on each of its trials, written when the trial starts.</summary>
internal static class PbtAttributes
{
    public const string Member = "pbt:member";
    public const string Reason = "pbt:reason";
    public const string StartStep = "pbt:start_step";
    public const string ParentTrial = "pbt:parent_trial";
    public const string ParentMember = "pbt:parent_member";
    public const string ParentStep = "pbt:parent_step";
    public const string PreviousTrial = "pbt:previous_trial";
    public const string CopiedParams = "pbt:copied_params";
    public const string Explore = "pbt:explore";
    public const string Checkpoint = "pbt:checkpoint";
    public const string CheckpointStep = "pbt:checkpoint_step";

    /// <summary>The attributes of a new segment.</summary>
    public static List<KeyValuePair<string, object?>> For(
        int member,
        PbtSegmentReason reason,
        int startStep,
        int? previousTrial,
        (int Trial, int Member, int Step, ParameterSet Params)? parent,
        IReadOnlyDictionary<string, string>? explore)
    {
        var attrs = new List<KeyValuePair<string, object?>>
        {
            new(Member, (long)member),
            new(Reason, reason.ToString()),
            new(StartStep, (long)startStep),
        };
        if (previousTrial is { } previous)
        {
            attrs.Add(new(PreviousTrial, (long)previous));
        }

        if (parent is { } p)
        {
            attrs.Add(new(ParentTrial, (long)p.Trial));
            attrs.Add(new(ParentMember, (long)p.Member));
            attrs.Add(new(ParentStep, (long)p.Step));
            attrs.Add(new(CopiedParams, EnqueuedParams.Write(p.Params)));
        }

        if (explore is not null)
        {
            attrs.Add(new(Explore, AttributeValues.Normalize(explore)));
        }

        return attrs;
    }

    /// <summary>An integer attribute, as any storage gives it back.</summary>
    public static int? ReadInt(IReadOnlyDictionary<string, object?> attrs, string key) =>
        attrs.TryGetValue(key, out var value) && Pruners.PrunerSteps.ReadNumber(value) is { } number ? (int)number : null;

    /// <summary>An object attribute read as a dictionary of values.</summary>
    public static Dictionary<string, object?>? ReadObject(IReadOnlyDictionary<string, object?> attrs, string key) =>
        attrs.TryGetValue(key, out var value) && value is JsonElement { ValueKind: JsonValueKind.Object } element
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => AttributeValues.Normalize(p.Value))
            : null;
}

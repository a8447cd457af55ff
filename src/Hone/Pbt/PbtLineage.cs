using System.Globalization;
using System.Text.Json;
using Hone.Exports;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Pbt;

/// <summary>
/// The lineage of a population-based training run, read back from its study: every segment of every member (one
/// trial each), with the member it copied, the step it copied at, and the hyperparameters before and after the explore
/// step. Exports as CSV or JSON.
/// </summary>
/// <remarks>Built from the trials' system attributes (<c>pbt:*</c>), so it reads any study a run wrote, in any storage,
/// after the run or while it goes on. Trials of the study that no run wrote are left out.</remarks>
public sealed class PbtLineage
{
    private readonly Dictionary<int, PbtSegment> _byTrial;

    private PbtLineage(List<PbtSegment> segments)
    {
        Segments = segments;
        _byTrial = segments.ToDictionary(s => s.Trial);
    }

    /// <summary>The segments, in trial-number order.</summary>
    public IReadOnlyList<PbtSegment> Segments { get; }

    /// <summary>Reads the lineage of a study.</summary>
    /// <param name="study">A study a <see cref="PopulationBasedTraining"/> run wrote.</param>
    /// <returns>The lineage.</returns>
    public static PbtLineage Read(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var segments = new List<PbtSegment>();
        foreach (var trial in study.GetTrials())
        {
            if (ToSegment(trial) is { } segment)
            {
                segments.Add(segment);
            }
        }

        return new PbtLineage(segments);
    }

    /// <summary>The segments whose weights lead to a trial's, oldest first: the trial's own segment, the segment it copied
    /// its checkpoint from, that one's parent, and so on back to a member that started from scratch.</summary>
    /// <param name="trialNumber">A trial of the run, such as the best final one.</param>
    /// <returns>The chain, oldest first. Each segment's weights left it at the next segment's <see cref="PbtSegment.ParentStep"/>,
    /// so the chain reads as the hyperparameter schedule that trained the final weights.</returns>
    /// <exception cref="ArgumentException">The trial is not part of the run.</exception>
    public IReadOnlyList<PbtSegment> Ancestry(int trialNumber)
    {
        if (!_byTrial.TryGetValue(trialNumber, out var segment))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Trial {trialNumber} is not a segment of a population-based training run. Pick a trial from Segments."), nameof(trialNumber));
        }

        var chain = new List<PbtSegment> { segment };
        var seen = new HashSet<int> { segment.Trial };
        while (segment.ParentTrial is { } parent && _byTrial.TryGetValue(parent, out var next) && seen.Add(parent))
        {
            segment = next;
            chain.Add(segment);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>Writes one row per segment: <c>trial, member, state, reason, start_step, end_step, score, parent_trial,
    /// parent_member, parent_step, previous_trial</c>, then <c>params_NAME</c>, <c>copied_NAME</c> and <c>explore_NAME</c> for each
    /// hyperparameter, and <c>fail_reason</c>. Numbers in the invariant culture.</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var names = Segments.SelectMany(s => s.Hyperparameters.Keys.Concat(s.CopiedHyperparameters?.Keys ?? [])).Distinct().ToList();
        var header = new List<string> { "trial", "member", "state", "reason", "start_step", "end_step", "score", "parent_trial", "parent_member", "parent_step", "previous_trial" };
        header.AddRange(names.Select(n => "params_" + n));
        header.AddRange(names.Select(n => "copied_" + n));
        header.AddRange(names.Select(n => "explore_" + n));
        header.Add("fail_reason");
        TrialExport.WriteRow(writer, header);
        foreach (var s in Segments)
        {
            var row = new List<string>
            {
                TrialExport.Value(s.Trial),
                TrialExport.Value(s.Member),
                s.State.ToString(),
                s.Reason.ToString(),
                TrialExport.Value(s.StartStep),
                TrialExport.Value(s.EndStep),
                TrialExport.Value(s.Score),
                TrialExport.Value(s.ParentTrial),
                TrialExport.Value(s.ParentMember),
                TrialExport.Value(s.ParentStep),
                TrialExport.Value(s.PreviousTrial),
            };
            row.AddRange(names.Select(n => s.Hyperparameters.TryGetValue(n, out var v) ? TrialExport.Value(v) : string.Empty));
            row.AddRange(names.Select(n => s.CopiedHyperparameters?.TryGetValue(n, out var v) == true ? TrialExport.Value(v) : string.Empty));
            row.AddRange(names.Select(n => s.Explore?.TryGetValue(n, out var v) == true ? v : string.Empty));
            row.Add(s.FailReason ?? string.Empty);
            TrialExport.WriteRow(writer, row);
        }
    }

    /// <summary>Writes the segments as a JSON array of objects, one per segment, with the fields of <see cref="PbtSegment"/>
    /// in snake case.</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteJson(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var s in Segments)
            {
                json.WriteStartObject();
                json.WriteNumber("trial", s.Trial);
                json.WriteNumber("member", s.Member);
                json.WriteString("state", s.State.ToString());
                json.WriteString("reason", s.Reason.ToString());
                json.WriteNumber("start_step", s.StartStep);
                json.WriteNumber("end_step", s.EndStep);
                WriteNumber(json, "score", s.Score);
                json.WriteStartObject("scores");
                foreach (var (step, score) in s.Scores.OrderBy(kv => kv.Key))
                {
                    json.WritePropertyName(step.ToString(CultureInfo.InvariantCulture));
                    TrialExport.WriteValue(json, score);
                }

                json.WriteEndObject();
                WriteNumber(json, "parent_trial", s.ParentTrial);
                WriteNumber(json, "parent_member", s.ParentMember);
                WriteNumber(json, "parent_step", s.ParentStep);
                WriteNumber(json, "previous_trial", s.PreviousTrial);
                WriteValues(json, "hyperparameters", s.Hyperparameters);
                WriteValues(json, "copied_hyperparameters", s.CopiedHyperparameters);
                if (s.Explore is { } explore)
                {
                    json.WriteStartObject("explore");
                    foreach (var (name, step) in explore)
                    {
                        json.WriteString(name, step);
                    }

                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("explore");
                }

                json.WriteString("fail_reason", s.FailReason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.WriteLine();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        if (value is { } v)
        {
            TrialExport.WriteValue(json, v);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, object?>? values)
    {
        json.WritePropertyName(name);
        if (values is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        foreach (var (key, value) in values)
        {
            json.WritePropertyName(key);
            TrialExport.WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static PbtSegment? ToSegment(FrozenTrial trial)
    {
        var attrs = trial.SystemAttrs;
        if (PbtAttributes.ReadInt(attrs, PbtAttributes.Member) is not { } member
            || !attrs.TryGetValue(PbtAttributes.Reason, out var reasonText)
            || !Enum.TryParse<PbtSegmentReason>(reasonText as string, out var reason))
        {
            return null;
        }

        var startStep = PbtAttributes.ReadInt(attrs, PbtAttributes.StartStep) ?? 0;
        var endStep = startStep;
        double? score = null;
        foreach (var (step, value) in trial.IntermediateValues)
        {
            if (step >= endStep)
            {
                endStep = step;
                score = value;
            }
        }

        return new PbtSegment
        {
            Trial = trial.Number,
            Member = member,
            State = trial.State,
            Reason = reason,
            StartStep = startStep,
            EndStep = endStep,
            Score = score,
            Scores = trial.IntermediateValues,
            ParentTrial = PbtAttributes.ReadInt(attrs, PbtAttributes.ParentTrial),
            ParentMember = PbtAttributes.ReadInt(attrs, PbtAttributes.ParentMember),
            ParentStep = PbtAttributes.ReadInt(attrs, PbtAttributes.ParentStep),
            PreviousTrial = PbtAttributes.ReadInt(attrs, PbtAttributes.PreviousTrial),
            Hyperparameters = trial.Params,
            CopiedHyperparameters = PbtAttributes.ReadObject(attrs, PbtAttributes.CopiedParams),
            Explore = PbtAttributes.ReadObject(attrs, PbtAttributes.Explore)?.ToDictionary(kv => kv.Key, kv => kv.Value as string ?? string.Empty),
            FailReason = attrs.TryGetValue(FrozenTrial.FailReasonKey, out var fail) ? fail as string : null,
        };
    }
}

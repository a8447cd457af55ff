using Hone.Pruners;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.TestSupport;

/// <summary>Studies with hand-written learning curves, for pruner tests.</summary>
internal static class PrunerStudies
{
    /// <summary>A study whose complete trials reported the given curves (value i at step i), in order.</summary>
    public static Study WithCompleteCurves(IPruner pruner, StudyDirection direction, params double[][] curves)
    {
        var study = Study.Create(new StudyOptions { Pruner = pruner, Directions = [direction] });
        foreach (var curve in curves)
        {
            var trial = Running(study, curve);
            study.Tell(trial, curve.Where(double.IsFinite).DefaultIfEmpty(0).Last());
        }

        return study;
    }

    /// <summary>Starts a trial that reports the given curve (value i at step i).</summary>
    public static Trial Running(Study study, params double[] curve)
    {
        var trial = study.Ask();
        for (var step = 0; step < curve.Length; step++)
        {
            trial.Report(curve[step], step);
        }

        return trial;
    }

    /// <summary>Starts a trial that reports the given vectors (vector i at step i).</summary>
    public static Trial RunningVectors(Study study, params double[][] vectors)
    {
        var trial = study.Ask();
        for (var step = 0; step < vectors.Length; step++)
        {
            trial.Report(vectors[step], step);
        }

        return trial;
    }

    /// <summary>A study of the given directions whose complete trials each reported one of the given vectors at steps
    /// 0, 1 and 2, in order.</summary>
    public static Study WithCompleteVectors(IPruner pruner, IReadOnlyList<StudyDirection> directions, params double[][] vectors)
    {
        var study = Study.Create(new StudyOptions { Pruner = pruner, Directions = [.. directions] });
        foreach (var vector in vectors)
        {
            study.Tell(RunningVectors(study, vector, vector, vector), vector.Select(v => double.IsFinite(v) ? v : 0).ToArray());
        }

        return study;
    }

    /// <summary>Starts a trial that reports the given values at the given steps, in that order.</summary>
    public static Trial RunningAt(Study study, params (int Step, double Value)[] reports)
    {
        var trial = study.Ask();
        foreach (var (step, value) in reports)
        {
            trial.Report(value, step);
        }

        return trial;
    }

    /// <summary>The value a trial recorded at a rung of successive halving, as any storage gives it back.</summary>
    public static double? ReadRung(FrozenTrial trial, int rung) =>
        trial.SystemAttrs.TryGetValue("asha:rung_" + rung.ToString(System.Globalization.CultureInfo.InvariantCulture), out var value)
            ? Convert.ToDouble(value is System.Text.Json.JsonElement e ? e.GetDouble() : value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>Asks the study's pruner about a trial as <see cref="Trial.ShouldPrune"/> does.</summary>
    public static bool Decide(Study study, Trial trial) => study.Pruner.Prune(study, trial.Snapshot());
}

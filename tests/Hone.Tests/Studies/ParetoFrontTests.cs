using Hone.Studies;
using Hone.Trials;

namespace Hone.Tests.Studies;

public class ParetoFrontTests
{
    private static readonly StudyDirection[] MinMax = [StudyDirection.Minimize, StudyDirection.Maximize];

    [Fact]
    public void Hypervolume_MinimizeAndMaximize_MeasuresInTheObjectivesOwnDirections()
    {
        // Maximized objective: values 2 and 0.5 above the reference 0; minimized: 1 and 0.5 below 2.
        var trials = Trials(MinMax, [1, 2], [2, 1], [0.5, 0.5]);

        // Steps: [0.5, 2) × [0, 0.5) and [1, 2) × [0.5, 2).
        Assert.Equal((1.5 * 0.5) + (1 * 1.5), ParetoFront.Hypervolume(trials, MinMax, [2, 0]));
    }

    [Fact]
    public void Hypervolume_ReferenceThatBoundsPartOfTheFront_CountsOnlyTheTrialsInside()
    {
        var trials = Trials(MinMax, [1, 2], [0.5, 0.5]);

        // Trial 0 is worse than 0.75 in the minimized objective: only trial 1's box counts.
        Assert.Equal(0.25 * 0.5, ParetoFront.Hypervolume(trials, MinMax, [0.75, 0]));
        Assert.Equal(0, ParetoFront.Hypervolume(trials, MinMax, [0.25, 0]));
    }

    [Fact]
    public void Hypervolume_OnlyCompleteTrials_Count()
    {
        var trials = Trials(MinMax, [1, 2]).Append(Trial(7, MinMax, TrialState.Pruned, null)).ToList();

        Assert.Equal(1 * 2, ParetoFront.Hypervolume(trials, MinMax, [2, 0]));
        Assert.Equal(0, ParetoFront.Hypervolume([], MinMax));
    }

    [Fact]
    public void Hypervolume_ReferenceOfOtherLength_ThrowsNamingTheCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => ParetoFront.Hypervolume(Trials(MinMax, [1, 2]), MinMax, [1, 2, 3]));

        Assert.Contains("3 value(s), but there are 2 objective(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Hypervolume_ReferenceNotFinite_Throws(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => ParetoFront.Hypervolume(Trials(MinMax, [1, 2]), MinMax, [bad, 0]));

        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hypervolume_TrialWithOtherNumberOfValues_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ParetoFront.Hypervolume(Trials(MinMax, [1, 2]), [StudyDirection.Minimize]));

        Assert.Contains("Trial 0 has 2 value(s), but 1 direction(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultReference_SeveralTrials_IsTheFrontsWorstValuesMadeWorseByATenthOfItsRange()
    {
        // Trial 1 is dominated by trial 0, so its worse values do not move the reference.
        var trials = Trials(MinMax, [1, 2], [3, 0], [2, 4]);

        var reference = ParetoFront.DefaultReference(trials, MinMax);

        Assert.Equal(2 + (0.1 * 1), reference[0], 12);
        Assert.Equal(2 - (0.1 * 2), reference[1], 12);
    }

    [Fact]
    public void DefaultReference_OneTrial_UsesATenthOfTheMagnitudeOrOne()
    {
        var reference = ParetoFront.DefaultReference(Trials(MinMax, [-5, 0]), MinMax);

        Assert.Equal(-4.5, reference[0], 12);
        Assert.Equal(-1, reference[1]);
    }

    [Fact]
    public void Hypervolume_DefaultReference_CountsEveryTrialOfTheFront()
    {
        var trials = Trials(MinMax, [1, 1], [2, 2], [3, 4]);

        var volume = ParetoFront.Hypervolume(trials, MinMax);

        var reference = ParetoFront.DefaultReference(trials, MinMax);
        Assert.Equal(ParetoFront.Hypervolume(trials, MinMax, reference), volume);
        foreach (var left in trials)
        {
            Assert.True(ParetoFront.Hypervolume(trials.Where(t => !ReferenceEquals(t, left)), MinMax, reference) < volume);
        }
    }

    [Fact]
    public void DefaultReference_NoCompleteTrial_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ParetoFront.DefaultReference([Trial(0, MinMax, TrialState.Failed, null)], MinMax));

        Assert.Contains("at least one complete trial", error.Message, StringComparison.Ordinal);
    }

    private static List<FrozenTrial> Trials(IReadOnlyList<StudyDirection> directions, params double[][] values) =>
        [.. values.Select((v, i) => Trial(i, directions, TrialState.Complete, v))];

    private static FrozenTrial Trial(int number, IReadOnlyList<StudyDirection> directions, TrialState state, double[]? values)
    {
        var study = Study.Create(new StudyOptions { Directions = [.. directions] });
        var trial = study.Ask();
        var stored = values is null ? study.Tell(trial, state) : study.Tell(trial, values);
        return stored with { Number = number };
    }
}

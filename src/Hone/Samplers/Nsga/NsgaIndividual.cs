using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers.Nsga;

/// <summary>A complete trial as NSGA sees it: its minimized objectives, its constraint violation and its parameters.</summary>
internal sealed class NsgaIndividual
{
    private NsgaSpace? _codedSpace;
    private double[]? _coded;

    private NsgaIndividual(int number, long generation, double[] objectives, double violation, ParameterSet parameters)
    {
        Number = number;
        Generation = generation;
        Objectives = objectives;
        Violation = violation;
        Parameters = parameters;
    }

    /// <summary>The trial number.</summary>
    public int Number { get; }

    /// <summary>The generation the trial was bred for; -1 when it has none.</summary>
    public long Generation { get; }

    /// <summary>The objective values, negated where maximized, so that smaller is better everywhere.</summary>
    public double[] Objectives { get; }

    /// <summary>The total constraint violation: 0 when feasible.</summary>
    public double Violation { get; }

    /// <summary>The trial's parameters.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The individual of a complete trial.</summary>
    public static NsgaIndividual Of(FrozenTrial trial, long generation, IReadOnlyList<StudyDirection> directions)
    {
        var values = trial.Values!;
        var objectives = new double[values.Count];
        for (var k = 0; k < objectives.Length; k++)
        {
            objectives[k] = directions[k] == StudyDirection.Maximize ? -values[k] : values[k];
        }

        return new NsgaIndividual(trial.Number, generation, objectives, trial.Violation, trial.Params);
    }

    /// <summary>The parameters as coordinates of a space (<see cref="NsgaSpace.Encode"/>), kept while the space stays the same.</summary>
    public double[] CodedIn(NsgaSpace space)
    {
        if (!ReferenceEquals(space, _codedSpace))
        {
            _coded = space.Encode(Parameters);
            _codedSpace = space;
        }

        return _coded!;
    }
}

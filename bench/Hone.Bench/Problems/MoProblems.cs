namespace Hone.Bench.Problems;

/// <summary>The catalogue of multi-objective problems, in the order the tables list them.</summary>
internal static class MoProblems
{
    /// <summary>Every problem of the multi-objective suite.</summary>
    public static IReadOnlyList<MoProblem> All { get; } = [new Zdt1(), new Zdt2(), new Zdt3(), new Dtlz2(), new Srn()];

    /// <summary>Their names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The problem of that name.</summary>
    public static MoProblem Find(string name) => All.First(p => p.Name == name);
}

namespace Hone.Bench.Functions;

/// <summary>The catalogue of test functions, in the order the tables list them.</summary>
internal static class BenchFunctions
{
    /// <summary>Every function of the suite.</summary>
    public static IReadOnlyList<BenchFunction> All { get; } =
    [
        new Branin(), new Hartmann3(), new Hartmann6(), new Rosenbrock(), new Ackley(), new Rastrigin(),
        new MixedFunction(), new ConditionalFunction(),
        new ShiftedFunction(new Ackley(), [13.1, -21.7, 6.4, -9.3, 24.5]),
        new ShiftedFunction(new Rastrigin(), [2.1, -3.3, 1.2, -0.7, 3.9, -2.6]),
    ];

    /// <summary>Their names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The function of that name.</summary>
    public static BenchFunction Find(string name) => All.First(f => f.Name == name);
}

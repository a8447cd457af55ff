using System.Globalization;

/// <summary>The example's command line: <c>[--trials N] [--epochs N] [--pruner asha|median|hyperband|none] [--seed N] [--storage URL]</c>.</summary>
internal sealed record ExampleOptions(int Trials, int Epochs, string Pruner, int Seed, string Storage)
{
    private static readonly string[] Pruners = ["asha", "median", "hyperband", "none"];

    /// <summary>Reads the options.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a wrong one.</exception>
    public static ExampleOptions Parse(string[] args)
    {
        var options = new ExampleOptions(Trials: 60, Epochs: 30, Pruner: "asha", Seed: 42, Storage: "sqlite:///digits-mlp.db");
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--trials" => options with { Trials = Positive(name, value) },
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--seed" => options with { Seed = Positive(name, value) },
                "--pruner" => options with
                {
                    Pruner = Pruners.Contains(value) ? value : throw new ArgumentException($"--pruner must be one of {string.Join(", ", Pruners)}, but got '{value}'."),
                },
                "--storage" => options with { Storage = value },
                _ => throw new ArgumentException($"Unknown option '{name}'. Use --trials N, --epochs N, --pruner asha|median|hyperband|none, --seed N, --storage URL."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw new ArgumentException($"{name} must be an integer >= 1, but got '{value}'.");
}

using System.Globalization;
using Hone.Trials;

namespace Hone.Bench.Functions;

/// <summary>A function of real parameters <c>x0, x1, ...</c>, each uniform on its own interval.</summary>
internal abstract class BoxFunction : BenchFunction
{
    private readonly string[] _names;
    private readonly double[] _lows;
    private readonly double[] _highs;

    protected BoxFunction(double[] lows, double[] highs, double[] minimizer)
    {
        _names = [.. Enumerable.Range(0, lows.Length).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture))];
        _lows = lows;
        _highs = highs;
        Minimizer = _names.Zip(minimizer).ToDictionary(p => p.First, p => (object?)p.Second);
    }

    /// <inheritdoc/>
    public override int Dimension => _names.Length;

    /// <summary>The lower bound of each parameter.</summary>
    public IReadOnlyList<double> Lows => _lows;

    /// <summary>The upper bound of each parameter.</summary>
    public IReadOnlyList<double> Highs => _highs;

    /// <inheritdoc/>
    public override string Space =>
        _lows.Distinct().Count() == 1 && _highs.Distinct().Count() == 1
            ? string.Create(CultureInfo.InvariantCulture, $"x0..x{_names.Length - 1} in [{_lows[0]}, {_highs[0]}]")
            : string.Join(", ", _names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n} in [{_lows[i]}, {_highs[i]}]")));

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> Minimizer { get; }

    /// <inheritdoc/>
    public override double[] Suggest(Trial trial)
    {
        var point = new double[_names.Length];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = trial.SuggestFloat(_names[i], _lows[i], _highs[i]);
        }

        return point;
    }

    /// <summary>The same bound repeated for every dimension.</summary>
    protected static double[] Repeat(double value, int dimension) => [.. Enumerable.Repeat(value, dimension)];
}

using System.Globalization;
using System.Text;
using Hone.Distributions;

namespace Hone.Samplers.CmaEs;

/// <summary>
/// Maps the float and int parameters of a joint space onto the unit cube where CMA-ES works: linear parameters
/// linearly, log parameters in log space, and discrete ones (int, stepped float) widened by half a step at each end so
/// that every admissible value owns an interval of the same width (the same in log space for log ints).
/// </summary>
internal sealed class CmaEsSpace
{
    private readonly Distribution[] _distributions;
    private readonly double[] _low;
    private readonly double[] _width;
    private readonly bool[] _log;
    private readonly double[] _step;

    /// <summary>Creates the mapping of a space, in the space's (sorted) name order.</summary>
    public CmaEsSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        var n = space.Count;
        Names = new string[n];
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        _distributions = new Distribution[n];
        _low = new double[n];
        _width = new double[n];
        _log = new bool[n];
        _step = new double[n];
        IsDiscrete = new bool[n];
        var i = 0;
        foreach (var (name, distribution) in space)
        {
            Names[i] = name;
            index[name] = i;
            _distributions[i] = distribution;
            double low, high;
            switch (distribution)
            {
                case FloatDistribution { Step: { } step } f:
                    (low, high, _step[i]) = (f.Low - (step / 2), f.High + (step / 2), step);
                    break;
                case FloatDistribution { Log: true } f:
                    (low, high, _log[i]) = (Math.Log(f.Low), Math.Log(f.High), true);
                    break;
                case FloatDistribution f:
                    (low, high) = (f.Low, f.High);
                    break;
                case IntDistribution { Log: true } d:
                    (low, high, _log[i], _step[i]) = (Math.Log(d.Low - 0.5), Math.Log(d.High + 0.5), true, 1);
                    break;
                case IntDistribution d:
                    (low, high, _step[i]) = (d.Low - (d.Step / 2.0), d.High + (d.Step / 2.0), d.Step);
                    break;
                default:
                    throw new ArgumentException($"CMA-ES models float and int parameters only, but '{name}' is a {distribution.GetType().Name}.", nameof(space));
            }

            IsDiscrete[i] = _step[i] > 0;
            _low[i] = low;
            _width[i] = high - low;
            i++;
        }

        Index = index;
    }

    /// <summary>The parameter names, in coordinate order.</summary>
    public string[] Names { get; }

    /// <summary>Each name's position in <see cref="Names"/>.</summary>
    public IReadOnlyDictionary<string, int> Index { get; }

    /// <summary>Whether each coordinate takes discrete values (int or stepped float).</summary>
    public bool[] IsDiscrete { get; }

    /// <summary>The number of coordinates.</summary>
    public int Dimension => Names.Length;

    /// <summary>A short, stable identifier of a space and a model variant, for attribute and claim keys.</summary>
    /// <remarks>FNV-1a over an invariant description, so that every process and every run derives the same key.</remarks>
    public static string KeyOf(IReadOnlyDictionary<string, Distribution> space, string variant)
    {
        var text = new StringBuilder(variant);
        foreach (var (name, distribution) in space)
        {
            text.Append('|').Append(name).Append('=');
            _ = distribution switch
            {
                FloatDistribution f => text.Append(CultureInfo.InvariantCulture, $"float({f.Low:R},{f.High:R},{f.Log},{f.Step:R})"),
                IntDistribution d => text.Append(CultureInfo.InvariantCulture, $"int({d.Low},{d.High},{d.Log},{d.Step})"),
                _ => text.Append(distribution.GetType().Name),
            };
        }

        var hash = 14695981039346656037UL;
        foreach (var c in text.ToString())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The unit coordinate of an internal value.</summary>
    public double ToUnit(int i, double value) => ((_log[i] ? Math.Log(value) : value) - _low[i]) / _width[i];

    /// <summary>The admissible internal value nearest to a unit coordinate; coordinates outside [0, 1] go to the ends.</summary>
    public double FromUnit(int i, double unit)
    {
        var t = _low[i] + (unit * _width[i]);
        var value = _log[i] ? Math.Exp(t) : t;
        return _distributions[i] switch
        {
            FloatDistribution f => f.Round(value),
            IntDistribution d => d.Round(value),
            _ => throw new InvalidOperationException("Unreachable: the constructor admits float and int only."),
        };
    }

    /// <summary>
    /// The unit bounds of the cell that a discrete coordinate rounds to, for the margin correction: the thresholds
    /// below and above it, or the single inner threshold, twice, for a cell at either end.
    /// </summary>
    public (double Low, double High) CellOf(int i, double unit)
    {
        var value = FromUnit(i, unit);
        var (min, max) = _distributions[i] switch
        {
            FloatDistribution f => (f.Low, f.High),
            IntDistribution d => ((double)d.Low, (double)d.High),
            _ => throw new InvalidOperationException("Unreachable: the constructor admits float and int only."),
        };
        var half = _step[i] / 2;
        var below = ToUnit(i, value - half);
        var above = ToUnit(i, value + half);

        // Cell indices rather than value comparisons, so that a stepped float's last grid point, which may differ from
        // High in the last bit, still counts as the end.
        var index = Math.Round((value - min) / _step[i]);
        var last = Math.Round((max - min) / _step[i]);
        return index <= 0 ? (above, above) : index >= last ? (below, below) : (below, above);
    }
}

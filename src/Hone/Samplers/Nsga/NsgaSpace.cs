using Hone.Distributions;
using Hone.Trials;

namespace Hone.Samplers.Nsga;

/// <summary>
/// The coordinates NSGA's variation operators work in: each float and int parameter of a joint space mapped onto
/// [0, 1] (log parameters in log space; int and stepped parameters widened by half a step at each end, so that every
/// admissible value owns a cell of the same width), and each categorical parameter as its choice index.
/// </summary>
internal sealed class NsgaSpace
{
    private readonly Distribution[] _distributions;
    private readonly double[] _low;
    private readonly double[] _width;
    private readonly bool[] _log;

    /// <summary>Maps a joint space, in its (sorted) name order.</summary>
    public NsgaSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        var n = space.Count;
        Names = new string[n];
        Choices = new int[n];
        _distributions = new Distribution[n];
        _low = new double[n];
        _width = new double[n];
        _log = new bool[n];
        var i = 0;
        foreach (var (name, distribution) in space)
        {
            Names[i] = name;
            _distributions[i] = distribution;
            double low = 0, high = 1;
            switch (distribution)
            {
                case FloatDistribution { Step: { } step } f:
                    (low, high) = (f.Low - (step / 2), f.High + (step / 2));
                    break;
                case FloatDistribution { Log: true } f:
                    (low, high, _log[i]) = (Math.Log(f.Low), Math.Log(f.High), true);
                    break;
                case FloatDistribution f:
                    (low, high) = (f.Low, f.High);
                    break;
                case IntDistribution { Log: true } d:
                    (low, high, _log[i]) = (Math.Log(d.Low - 0.5), Math.Log(d.High + 0.5), true);
                    break;
                case IntDistribution d:
                    (low, high) = (d.Low - (d.Step / 2.0), d.High + (d.Step / 2.0));
                    break;
                case CategoricalDistribution c:
                    Choices[i] = c.Choices.Count;
                    break;
                default:
                    throw new ArgumentException($"NSGA cannot code '{name}', a {distribution.GetType().Name}.", nameof(space));
            }

            _low[i] = low;
            _width[i] = high - low;
            i++;
        }
    }

    /// <summary>The parameter names, in coordinate order.</summary>
    public string[] Names { get; }

    /// <summary>The number of choices of each categorical coordinate; 0 for a float or int one.</summary>
    public int[] Choices { get; }

    /// <summary>The number of coordinates.</summary>
    public int Dimension => Names.Length;

    /// <summary>The coordinates of a trial's parameters; NaN for a parameter it lacks or holds with another distribution.</summary>
    public double[] Encode(ParameterSet parameters)
    {
        var coded = new double[Names.Length];
        for (var i = 0; i < coded.Length; i++)
        {
            coded[i] = parameters.TryGet(Names[i], out var distribution, out var value) && distribution.Equals(_distributions[i])
                ? Choices[i] > 0 ? value : ((_log[i] ? Math.Log(value) : value) - _low[i]) / _width[i]
                : double.NaN;
        }

        return coded;
    }

    /// <summary>The admissible internal value nearest to a coordinate; numeric coordinates outside [0, 1] go to the ends.</summary>
    public double Decode(int i, double coordinate)
    {
        if (Choices[i] > 0)
        {
            return coordinate;
        }

        var t = _low[i] + (Math.Clamp(coordinate, 0, 1) * _width[i]);
        var value = _log[i] ? Math.Exp(t) : t;
        return _distributions[i] switch
        {
            FloatDistribution f => f.Round(value),
            IntDistribution d => d.Round(value),
            _ => throw new InvalidOperationException("Unreachable: categorical coordinates return above."),
        };
    }
}

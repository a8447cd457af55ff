using Hone.Distributions;
using Hone.Numerics;

namespace Hone.Samplers.Gp;

/// <summary>
/// How the joint parameters map onto the GP's inputs: floats onto [0, 1] (log ones in log space); integers and stepped
/// floats onto the centres of equal cells of [0, 1], to which every input is rounded before it reaches the kernel
/// (Garrido-Merchán and Hernández-Lobato 2020); categorical parameters onto their index, which the kernel compares for
/// equality only.
/// </summary>
internal sealed class GpSpace
{
    private readonly Distribution[] _distributions;

    /// <summary>Builds the encoding of a joint space.</summary>
    /// <param name="space">Names and distributions, in the order of the inputs.</param>
    public GpSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        Names = [.. space.Keys];
        _distributions = [.. space.Values];
        Kinds = new GpInputKind[_distributions.Length];
        for (var i = 0; i < _distributions.Length; i++)
        {
            Kinds[i] = _distributions[i] switch
            {
                CategoricalDistribution => GpInputKind.Categorical,
                FloatDistribution { Step: null } => GpInputKind.Continuous,
                _ => GpInputKind.Discrete,
            };
        }
    }

    /// <summary>The parameter names, one per input.</summary>
    public string[] Names { get; }

    /// <summary>The kind of each input.</summary>
    public GpInputKind[] Kinds { get; }

    /// <summary>The number of inputs.</summary>
    public int Dimension => _distributions.Length;

    /// <summary>The input of an internal value of parameter <paramref name="i"/>.</summary>
    public double Encode(int i, double value)
    {
        switch (_distributions[i])
        {
            case FloatDistribution { Step: null } f:
                return f.Log
                    ? Math.Clamp((Math.Log(value) - Math.Log(f.Low)) / (Math.Log(f.High) - Math.Log(f.Low)), 0, 1)
                    : Math.Clamp((value - f.Low) / (f.High - f.Low), 0, 1);
            case FloatDistribution { Step: { } step } f:
                return CellCentre(Math.Round((value - f.Low) / step), Math.Round((f.High - f.Low) / step) + 1);
            case IntDistribution { Log: true } n:
                // The cells of UnitCube: integer k owns [ln(k − 0.5), ln(k + 0.5)] in log space.
                var lo = Math.Log(n.Low - 0.5);
                return Math.Clamp((Math.Log(value) - lo) / (Math.Log(n.High + 0.5) - lo), 0, 1);
            case IntDistribution n:
                return CellCentre(Math.Round((value - n.Low) / n.Step), (((long)n.High - n.Low) / n.Step) + 1);
            default:
                return value;
        }
    }

    /// <summary>The internal value at input <paramref name="u"/> of parameter <paramref name="i"/>.</summary>
    public double Decode(int i, double u) =>
        Kinds[i] == GpInputKind.Categorical
            ? Math.Clamp(Math.Round(u), 0, ((CategoricalDistribution)_distributions[i]).Choices.Count - 1)
            : UnitCube.ToInternal(_distributions[i], Math.Clamp(u, 0, 1));

    /// <summary>Rounds an input to one the parameter can take (the identity for continuous ones).</summary>
    public double Snap(int i, double u) => Kinds[i] switch
    {
        GpInputKind.Continuous => Math.Clamp(u, 0, 1),
        _ => Encode(i, Decode(i, u)),
    };

    /// <summary>The input of a unit coordinate (from a low-discrepancy sequence), rounded.</summary>
    public double FromUnit(int i, double u) =>
        Kinds[i] == GpInputKind.Categorical
            ? Math.Min(Math.Floor(u * CategoryCount(i)), CategoryCount(i) - 1)
            : Snap(i, u);

    /// <summary>The number of choices of categorical parameter <paramref name="i"/>.</summary>
    public int CategoryCount(int i) => ((CategoricalDistribution)_distributions[i]).Choices.Count;

    /// <summary>The inputs next to <paramref name="u"/> for the local search of a discrete or categorical parameter:
    /// one step down and up, or every other category.</summary>
    public void Neighbours(int i, double u, List<double> neighbours)
    {
        neighbours.Clear();
        switch (_distributions[i])
        {
            case CategoricalDistribution c:
                for (var k = 0; k < c.Choices.Count; k++)
                {
                    if (k != u)
                    {
                        neighbours.Add(k);
                    }
                }

                break;
            case FloatDistribution { Step: { } step } f:
                AddNeighbour(i, Decode(i, u) - step, f.Low, f.High, neighbours);
                AddNeighbour(i, Decode(i, u) + step, f.Low, f.High, neighbours);
                break;
            case IntDistribution n:
                AddNeighbour(i, Decode(i, u) - n.Step, n.Low, n.High, neighbours);
                AddNeighbour(i, Decode(i, u) + n.Step, n.Low, n.High, neighbours);
                break;
            default:
                break;
        }
    }

    private void AddNeighbour(int i, double value, double low, double high, List<double> neighbours)
    {
        // A small tolerance: stepped floats are multiples of the step only up to rounding.
        if (value >= low - 1e-9 * Math.Max(1, Math.Abs(low)) && value <= high + 1e-9 * Math.Max(1, Math.Abs(high)))
        {
            neighbours.Add(Encode(i, Math.Clamp(value, low, high)));
        }
    }

    private static double CellCentre(double index, double count) => (Math.Clamp(index, 0, count - 1) + 0.5) / count;
}

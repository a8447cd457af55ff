using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>
/// One parameter as a Parzen estimator sees it: the space its kernels live in (log scale for log parameters),
/// the bounds of that space, and the cell width of a discrete parameter.
/// </summary>
/// <remarks>
/// Integer and stepped parameters keep their grid: the range is widened by half a step on each side and a value
/// gets the kernel mass of its cell [x − q/2, x + q/2] (a discretized truncated normal, as Optuna 3.1 does), so
/// that neighbouring grid points share mass fairly. Log-scale integers are continuous in [ln(low − ½), ln(high + ½)]
/// and rounded after sampling.
/// </remarks>
internal sealed class ParzenParameter
{
    private readonly Distribution _distribution;

    public ParzenParameter(Distribution distribution)
    {
        _distribution = distribution;
        switch (distribution)
        {
            case FloatDistribution { Log: true } f:
                Low = Math.Log(f.Low);
                High = Math.Log(f.High);
                IsLog = true;
                break;
            case FloatDistribution { Step: { } step } f:
                Low = f.Low - (0.5 * step);
                High = f.High + (0.5 * step);
                Step = step;
                break;
            case FloatDistribution f:
                Low = f.Low;
                High = f.High;
                break;
            case IntDistribution { Log: true } i:
                Low = Math.Log(i.Low - 0.5);
                High = Math.Log(i.High + 0.5);
                IsLog = true;
                break;
            case IntDistribution i:
                Low = i.Low - (0.5 * i.Step);
                High = i.High + (0.5 * i.Step);
                Step = i.Step;
                break;
            case CategoricalDistribution c:
                Choices = c.Choices.Count;
                break;
            default:
                throw new NotSupportedException($"TpeSampler cannot model a {distribution.GetType().Name}.");
        }
    }

    /// <summary>The lower bound of the kernel space.</summary>
    public double Low { get; }

    /// <summary>The upper bound of the kernel space.</summary>
    public double High { get; }

    /// <summary>The cell width of a discrete parameter; 0 for a continuous one.</summary>
    public double Step { get; }

    /// <summary>Whether kernels live in log space.</summary>
    public bool IsLog { get; }

    /// <summary>The number of choices of a categorical parameter; 0 for a numerical one.</summary>
    public int Choices { get; }

    /// <summary>Whether the parameter is categorical.</summary>
    public bool IsCategorical => Choices > 0;

    /// <summary>Maps an internal value into the kernel space.</summary>
    public double ToModel(double internalValue) => IsLog ? Math.Log(internalValue) : internalValue;

    /// <summary>Maps a point of the kernel space back to an internal value inside the distribution.</summary>
    public double FromModel(double modelValue) => _distribution switch
    {
        FloatDistribution f => f.Round(f.Log ? Math.Exp(modelValue) : modelValue),
        IntDistribution i => i.Round(i.Log ? Math.Round(Math.Exp(modelValue)) : modelValue),
        _ => modelValue,
    };
}

using System.Text.Json.Serialization;

namespace Hone.Distributions;

/// <summary>
/// The range and kind of values a parameter may take. Every distribution maps its values onto one
/// <see cref="double"/> internal representation, so samplers and storages handle numbers only.
/// </summary>
/// <remarks>
/// Distributions are immutable and compare by value. Their JSON form  is what
/// storages keep and what study files declare:
/// <c>{"type":"float","low":0.001,"high":1,"log":true}</c>, <c>{"type":"int","low":1,"high":8,"step":1}</c>,
/// <c>{"type":"categorical","choices":["adam","sgd"]}</c>.
/// </remarks>
[JsonConverter(typeof(DistributionJsonConverter))]
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>Whether the distribution admits exactly one value.</summary>
    /// <returns><see langword="true"/> when sampling can only return one value.</returns>
    public abstract bool IsSingle();

    /// <summary>Maps an external value (what <c>Suggest*</c> returns) to its internal representation.</summary>
    /// <param name="value">A value of this distribution.</param>
    /// <returns>The internal representation.</returns>
    /// <exception cref="ArgumentException">The value is not of this distribution.</exception>
    public abstract double ToInternal(object? value);

    /// <summary>Maps an internal representation back to the external value.</summary>
    /// <param name="internalValue">A value returned by <see cref="ToInternal"/> or by a sampler.</param>
    /// <returns>The external value: a <see cref="double"/>, an <see cref="int"/> or a categorical choice.</returns>
    public abstract object? ToExternal(double internalValue);

    /// <summary>Whether an internal representation lies inside the distribution.</summary>
    /// <param name="internalValue">The internal representation to test.</param>
    /// <returns><see langword="true"/> when the value belongs to the distribution.</returns>
    public abstract bool Contains(double internalValue);
}

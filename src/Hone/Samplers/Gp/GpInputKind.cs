namespace Hone.Samplers.Gp;

/// <summary>How the kernel treats one input of the GP.</summary>
internal enum GpInputKind
{
    /// <summary>A float without a step: a coordinate of [0, 1].</summary>
    Continuous,

    /// <summary>An integer or a stepped float: a coordinate of [0, 1] rounded to the centre of its value's cell.</summary>
    Discrete,

    /// <summary>A categorical parameter: its index, compared for equality only.</summary>
    Categorical,
}

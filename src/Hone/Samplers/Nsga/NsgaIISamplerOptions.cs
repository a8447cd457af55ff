namespace Hone.Samplers.Nsga;

/// <summary>How a <see cref="NsgaIISampler"/> searches: the population and the variation operators of
/// <see cref="NsgaSamplerOptions"/>. Validated when the sampler is built.</summary>
public sealed class NsgaIISamplerOptions : NsgaSamplerOptions
{
}

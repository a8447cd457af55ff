namespace Hone.Samplers.CmaEs;

/// <summary>What <see cref="CmaEsSampler"/> does when its search distribution has converged or stalled.</summary>
public enum CmaEsRestartStrategy
{
    /// <summary>Never restarts: the distribution keeps shrinking around the point it found.</summary>
    None,

    /// <summary>
    /// IPOP-CMA-ES (Auger and Hansen, CEC 2005): restarts from a random point with the population size multiplied by
    /// <see cref="CmaEsSamplerOptions.IncPopSize"/>; larger populations search more globally.
    /// </summary>
    Ipop,

    /// <summary>
    /// BIPOP-CMA-ES (Hansen, GECCO 2009): alternates IPOP-style restarts with large populations and restarts with small
    /// populations and step sizes, giving the evaluations to whichever regime has used fewer so far. The first run, at
    /// the default population, counts for the small regime (as in Hansen's own code), so the first restart doubles the
    /// population.
    /// </summary>
    Bipop,
}

using Hone.Distributions;

namespace Hone.Samplers.CmaEs;

/// <summary>What a <see cref="CmaEsSampler"/> keeps in memory for one search space: its mapping, the last state read
/// or written, and the keys under which the state and its claims live in the storage.</summary>
internal sealed class CmaEsModel
{
    private readonly Dictionary<int, CmaEsParameters> _parameters = [];
    private long _boxedGeneration = -1;
    private object? _generationBox;

    /// <summary>Creates the model of a space.</summary>
    /// <param name="key">The space's key (<see cref="CmaEsSpace.KeyOf"/>).</param>
    /// <param name="distributions">The space, in name order.</param>
    public CmaEsModel(string key, IReadOnlyDictionary<string, Distribution> distributions)
    {
        Key = key;
        Distributions = distributions;
        Space = new CmaEsSpace(distributions);
        StateKey = $"cmaes:{key}:state";
    }

    /// <summary>The space's key, also written on each trial it samples.</summary>
    public string Key { get; }

    /// <summary>The search space.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; }

    /// <summary>The unit-cube mapping.</summary>
    public CmaEsSpace Space { get; }

    /// <summary>The study system attribute holding the saved state.</summary>
    public string StateKey { get; }

    /// <summary>The JSON text of <see cref="Stored"/>, to notice when another worker saved a newer state.</summary>
    public string? Json { get; set; }

    /// <summary>The saved state as last read or written.</summary>
    public CmaEsState? Stored { get; set; }

    /// <summary>A state this worker computed but could not save (another worker claimed the update), used until the
    /// saved state catches up.</summary>
    public CmaEsState? Local { get; set; }

    /// <summary>The claim that lets exactly one worker save the update of a generation.</summary>
    public string ClaimKey(long generation) => $"cmaes:{Key}:gen:{generation}";

    /// <summary>The claim that lets exactly one worker save the initial state.</summary>
    public string InitClaimKey => $"cmaes:{Key}:init";

    /// <summary>A generation as the boxed long the trials' system attribute holds, boxed once per generation rather
    /// than once per trial.</summary>
    public object Boxed(long generation)
    {
        if (_boxedGeneration != generation || _generationBox is null)
        {
            _boxedGeneration = generation;
            _generationBox = generation;
        }

        return _generationBox;
    }

    /// <summary>The strategy constants for a population size, computed once.</summary>
    public CmaEsParameters ParametersFor(int populationSize, bool separable)
    {
        if (!_parameters.TryGetValue(populationSize, out var parameters))
        {
            parameters = new CmaEsParameters(Space.Dimension, populationSize, separable);
            _parameters[populationSize] = parameters;
        }

        return parameters;
    }
}

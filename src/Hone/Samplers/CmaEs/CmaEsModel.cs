using Hone.Distributions;

namespace Hone.Samplers.CmaEs;

/// <summary>What a <see cref="CmaEsSampler"/> keeps in memory for one search space: its mapping, the last state read
/// or written, and the keys under which the state and its claims live in the storage.</summary>
internal sealed class CmaEsModel
{
    /// <summary>Solution indices, boxed once: every trial of a generation records one as a system attribute.</summary>
    private static readonly object[] SmallIndices = [.. Enumerable.Range(0, 256).Select(i => (object)(long)i)];

    private readonly Dictionary<int, CmaEsParameters> _parameters = [];
    private long _boxedGeneration = -1;
    private object? _generationBox;
    private object? _restartBox;
    private long _issuedGeneration = -1;
    private int _issued;

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

    /// <summary>A solution index as the boxed long a trial's system attribute holds, without boxing the common ones anew.</summary>
    public static object Boxed(int index) => index < SmallIndices.Length ? SmallIndices[index] : (long)index;

    /// <summary>A generation and its restart count as the boxed longs the trials' system attributes hold, boxed once
    /// per generation rather than once per trial.</summary>
    public object Boxed(long generation, int restarts, out object restartBox)
    {
        if (_boxedGeneration != generation || _generationBox is null || _restartBox is null || (long)_restartBox != restarts)
        {
            _boxedGeneration = generation;
            _generationBox = generation;
            _restartBox = (long)restarts;
        }

        restartBox = _restartBox;
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

    /// <summary>The index of the next solution this worker issues in a generation.</summary>
    /// <param name="generation">The generation.</param>
    /// <param name="alreadyComplete">How many of its solutions are complete, the first index on a resumed study.</param>
    public int NextSolutionIndex(long generation, int alreadyComplete)
    {
        if (_issuedGeneration != generation)
        {
            _issuedGeneration = generation;
            _issued = alreadyComplete;
        }

        return _issued++;
    }
}

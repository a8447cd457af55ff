using Hone.Distributions;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Samplers;

/// <summary>Proposes parameter values for new trials.</summary>
/// <remarks>
/// <para>Life cycle of one trial: <see cref="BeforeTrial"/>; <see cref="InferRelativeSearchSpace"/> then
/// <see cref="SampleRelative"/>, which sample a joint space at once when the trial starts; then, for each parameter
/// the objective suggests outside that space, <see cref="SampleIndependent"/>; finally <see cref="AfterTrial"/>.
/// A sampler with nothing left to propose throws <see cref="SearchSpaceExhaustedException"/> from
/// <see cref="BeforeTrial"/>, and says so beforehand through <see cref="IsExhausted"/>.</para>
/// <para>The study calls its sampler from one thread at a time, even when trials run in parallel, so an
/// implementation needs no locking of its own. Samplers see only internal (numeric) values.</para>
/// <para>Trials read through <see cref="Study.GetTrials(TrialState[])"/> include running ones (pending trials),
/// so a sampler can steer parallel workers apart. A running trial shows the parameters its objective has suggested so
/// far: at once for trials of this process, and from its next report or its end for trials of other processes.</para>
/// </remarks>
public interface ISampler
{
    /// <summary>The space to sample jointly for a new trial; empty for a purely independent sampler.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    /// <returns>Parameter names and their distributions.</returns>
    IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial);

    /// <summary>Samples the joint space returned by <see cref="InferRelativeSearchSpace"/>.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    /// <param name="searchSpace">The joint space.</param>
    /// <returns>Internal values for some or all parameters of the space.</returns>
    IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace);

    /// <summary>Samples one parameter that the joint sample did not cover.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">Its distribution.</param>
    /// <returns>An internal value inside <paramref name="distribution"/>.</returns>
    double SampleIndependent(Study study, Trial trial, string name, Distribution distribution);

    /// <summary>Whether the sampler has nothing left to propose; <c>Optimize</c> starts no trial once it says so.</summary>
    /// <param name="study">The study.</param>
    /// <returns><see langword="true"/> when no new trial should start.</returns>
    bool IsExhausted(Study study) => false;

    /// <summary>Called when a trial starts, before any sampling.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    void BeforeTrial(Study study, Trial trial)
    {
    }

    /// <summary>Called when a trial ends, before its final state is stored.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="state">The state it ends in.</param>
    /// <param name="values">Its objective values when complete.</param>
    /// <remarks>An exception thrown here rejects the trial: it is stored as failed, with the message as its reason, and
    /// the exception reaches the caller (<c>Optimize</c> stops).</remarks>
    void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }
}

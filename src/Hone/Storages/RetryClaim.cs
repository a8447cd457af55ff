using System.Globalization;

namespace Hone.Storages;

/// <summary>
/// The claim that marks a trial as replaced by its retry (<c>retry:</c> and the trial number): taken once per failed
/// trial, so that a failure is retried exactly once however many processes notice it, and read by
/// <see cref="IStorage.TryStartTrial"/>, for which a replaced trial does not count.
/// </summary>
internal static class RetryClaim
{
    /// <summary>The prefix of every such claim.</summary>
    public const string Prefix = "retry:";

    /// <summary>The claim of one trial.</summary>
    public static string For(int trialNumber) => Prefix + trialNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a claim key marks a replaced trial.</summary>
    public static bool Is(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}

namespace Hone.Tests.TestSupport;

/// <summary>
/// Marks a test class whose tests need an environment variable, such as the URL of a test server: without it,
/// <see cref="SkippingTestFramework"/> reports each of its tests (inherited ones included) as skipped with the reason.
/// </summary>
/// <param name="variable">The environment variable.</param>
/// <param name="reason">Why the tests need it and how to set it.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    /// <summary>The environment variable.</summary>
    public string Variable { get; } = variable;

    /// <summary>Why the tests need it and how to set it.</summary>
    public string Reason { get; } = reason;
}

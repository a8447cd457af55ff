using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Hone.Tests.TestSupport.SkippingTestFramework", "Hone.Tests")]

namespace Hone.Tests.TestSupport;

/// <summary>
/// xunit's own framework, except that the tests of a class marked <see cref="RequiresEnvironmentAttribute"/> are reported
/// skipped, with the reason, when the variable is unset. xunit 2 has no dynamic skip, and the storage contract tests are
/// inherited with plain <c>[Fact]</c> attributes, so the decision is made where tests are discovered.
/// </summary>
public sealed class SkippingTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc/>
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod,
            bool includeSourceInformation,
            IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
            var variable = requirement?.GetConstructorArguments().First() as string;
            if (variable is null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable))
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var reason = $"{variable} is not set: {requirement!.GetConstructorArguments().Last()}";
            var skipped = new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}

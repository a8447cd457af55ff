using FsCheck;
using FsCheck.Fluent;

namespace Hone.Tests.Storages;

/// <summary>One step of a random storage session, for the model-based property of <see cref="StorageContractTests"/>.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Target">Picks the trial it acts on: its number modulo the trial count.</param>
/// <param name="Step">The parameter value, the report step or the attribute key, by kind.</param>
/// <param name="Value">The reported value, attribute value or objective value.</param>
/// <param name="ByOther">An update goes through the second handle on the study (another instance where the storage
/// has one), so that a trial is written by an instance other than the one that wrote it last.</param>
public sealed record StorageOperation(StorageOperationKind Kind, int Target, int Step, double Value, bool ByOther)
{
    /// <summary>The FsCheck generator of operations; NaN and infinities only where a storage must keep them (reports and report vectors).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<StorageOperation> Arbitrary() =>
        (from kind in Gen.Elements(Enum.GetValues<StorageOperationKind>())
         from target in Gen.Choose(0, 50)
         from step in Gen.Choose(0, 4)
         from value in kind is StorageOperationKind.Report or StorageOperationKind.ReportVector
             ? Gen.Elements(0.0, -1.5, 1e-300, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity)
             : Gen.Elements(0.0, -1.5, 0.1, 3.0, 1e300)
         from byOther in Gen.Elements(false, false, true)
         select new StorageOperation(kind, target, step, value, byOther)).ToArbitrary();
}

using Hone.Storages;

namespace Hone.Tests.Studies;

public sealed class SqliteWorkerReliabilityTests : WorkerReliabilityTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hone-workers-").FullName;

    protected override string NewStorage() => Path.Combine(_directory, "study.db");

    protected override IStorage Open(string storage) => new SqliteStorage(storage, new SqliteStorageOptions { Durable = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

using Hone.Storages;

namespace Hone.Tests.Storages;

public class InMemoryStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage() => new InMemoryStorage();
}

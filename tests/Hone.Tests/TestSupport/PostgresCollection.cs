namespace Hone.Tests.TestSupport;

/// <summary>The PostgreSQL test classes: they share one test database and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresTestDatabase>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
